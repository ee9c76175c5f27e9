//! `{{name}}` templates for verification requests: the secret and its
//! companion captures are substituted into URLs, headers and bodies.

use std::fmt;

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Text copied as written.
    Literal(String),
    /// A value substituted at request time (`secret` or a companion name).
    Var(String),
}

/// A parsed template such as `token {{secret}}`.
#[derive(Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

impl fmt::Debug for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Templates hold no secret material, so the source text is safe to show.
        write!(f, "Template({:?})", self.source())
    }
}

/// Name of the variable holding the secret itself.
pub const SECRET: &str = "secret";

impl Template {
    /// Parses `text`; variables are `{{name}}` with a name of letters,
    /// digits and underscores.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find("{{") {
            if open > 0 {
                parts.push(Part::Literal(rest[..open].to_string()));
            }
            let after = &rest[open + 2..];
            let close = after
                .find("}}")
                .ok_or_else(|| format!("template {text:?} has an unclosed {{{{"))?;
            let name = after[..close].trim();
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return Err(format!(
                    "template {text:?}: {{{{{name}}}}} is not a variable name (letters, digits, _)"
                ));
            }
            parts.push(Part::Var(name.to_string()));
            rest = &after[close + 2..];
        }
        if rest.contains("}}") {
            return Err(format!("template {text:?} has a stray }}}}"));
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_string()));
        }
        Ok(Template { parts })
    }

    /// Names of the variables used, in order of appearance.
    pub fn variables(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Var(name) => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// Whether the template uses `name`.
    pub fn uses(&self, name: &str) -> bool {
        self.variables().any(|v| v == name)
    }

    /// The template as written.
    pub fn source(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Literal(s) => s.clone(),
                Part::Var(name) => format!("{{{{{name}}}}}"),
            })
            .collect()
    }

    /// Substitutes every variable through `value`, which may transform it
    /// (percent-encoding for URLs, a placeholder for display); `None` names
    /// the first variable that has no value.
    pub fn render(&self, value: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(s) => out.push_str(s),
                Part::Var(name) => out.push_str(&value(name).ok_or_else(|| name.clone())?),
            }
        }
        Ok(out)
    }

    /// The literal text before the first variable.
    pub fn literal_prefix(&self) -> &str {
        match self.parts.first() {
            Some(Part::Literal(s)) => s,
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_renders_variables() {
        let t = Template::parse("token {{secret}} for {{ shop }}!").expect("valid");
        assert_eq!(t.variables().collect::<Vec<_>>(), ["secret", "shop"]);
        let out = t
            .render(&|name| Some(name.to_uppercase()))
            .expect("every variable has a value");
        assert_eq!(out, "token SECRET for SHOP!");
        assert_eq!(t.source(), "token {{secret}} for {{shop}}!");
        assert_eq!(t.literal_prefix(), "token ");
    }

    #[test]
    fn missing_value_names_the_variable() {
        let t = Template::parse("{{account_sid}}:{{secret}}").expect("valid");
        let err = t
            .render(&|name| (name == "secret").then(|| "s".to_string()))
            .expect_err("account_sid has no value");
        assert_eq!(err, "account_sid");
    }

    #[test]
    fn malformed_templates_are_rejected() {
        assert!(Template::parse("Bearer {{secret").is_err());
        assert!(Template::parse("Bearer {{se cret}}").is_err());
        assert!(Template::parse("Bearer {{}}").is_err());
        assert!(Template::parse("Bearer secret}}").is_err());
        assert!(Template::parse("no variables").is_ok());
    }
}
