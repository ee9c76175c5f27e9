//! Generic rules defer to provider rules.
//!
//! When an assignment's name mentions a provider that has its own rules
//! (`MIXPANEL_TOKEN=…`), or its value starts with a provider's token prefix
//! (`HF_TOKEN=hf_short`), the provider rules know that format better than a
//! randomness test: if none of them matched, the value is most likely a
//! public key, a truncated token or a look-alike, and the generic rule stays
//! quiet.

use aho_corasick::AhoCorasick;

use crate::rules::Rule;

/// Keywords too general to say which provider a value belongs to.
const GENERIC_TERMS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "secret",
    "secrets",
    "token",
    "tokens",
    "apikey",
    "api_key",
    "api-key",
    "key",
    "keys",
    "auth",
    "bearer",
    "basic",
    "access",
    "private",
    "client",
    "credential",
    "credentials",
    "webhook",
    "hook",
    "hooks",
    "http",
    "https",
    "api",
    "user",
    "login",
    "account",
    "service",
    "app",
    "live",
    "test",
    "prod",
    "sk-",
    "sk_",
    "pk_",
    "rk_",
    "key-",
    "key_",
    "api-",
    // Words that start some providers' tokens (Rancher `token-`, Statsig
    // `secret-`, Keygen `admin-`/`prod-`/`env-`/`user-`) and just as many
    // passwords and other values.
    "token-",
    "secret-",
    "console-",
    "admin-",
    "prod-",
    "env-",
    "user-",
    "pat",
    "dapi",
    "oauth",
    "client_secret",
    "secret_key",
    "access_token",
    "access_key",
    "private_key",
    "signing",
    "session",
    "refresh",
    "admin",
    "server",
    "license",
    "bot",
    "org",
    "sdk",
    "sid",
    "dsn",
    "cloud",
];

/// Provider vocabulary that generic matches are checked against.
#[derive(Debug)]
pub struct ProviderTerms {
    names: Option<AhoCorasick>,
    /// For each pattern of `names`, the provider rules that term names.
    rules_by_name: Vec<Vec<usize>>,
    prefixes: Vec<String>,
}

impl ProviderTerms {
    /// Collects the provider slugs and keywords of every non-generic rule.
    pub fn new(rules: &[Rule]) -> Self {
        let mut rules_by_name: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        let mut prefixes: Vec<String> = Vec::new();
        for (index, rule) in rules.iter().enumerate().filter(|(_, r)| !r.is_generic()) {
            // Provider slugs name the provider too (`AIRTABLE_API_KEY`),
            // even when its rules only key on a token prefix.
            let slug = &rule.provider;
            if slug.len() >= 4
                && slug.bytes().all(|b| b.is_ascii_alphabetic())
                && !GENERIC_TERMS.contains(&slug.as_str())
            {
                rules_by_name
                    .entry(slug.to_ascii_lowercase())
                    .or_default()
                    .push(index);
            }
            for keyword in &rule.keywords {
                if GENERIC_TERMS.contains(&keyword.as_str()) {
                    continue;
                }
                if keyword.len() >= 4 && keyword.bytes().all(|b| b.is_ascii_alphabetic()) {
                    rules_by_name
                        .entry(keyword.to_ascii_lowercase())
                        .or_default()
                        .push(index);
                }
                prefixes.push(keyword.clone());
            }
        }
        prefixes.sort_unstable();
        prefixes.dedup();
        let (names, rules_by_name): (Vec<String>, Vec<Vec<usize>>) = rules_by_name
            .into_iter()
            .map(|(name, mut indices)| {
                indices.dedup();
                (name, indices)
            })
            .unzip();
        // Searched only for generic matches' names, a few bytes each: the
        // cheapest automaton to build is the right one.
        let names = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            .prefilter(false)
            .build(&names)
            .ok();
        ProviderTerms {
            names,
            rules_by_name,
            prefixes,
        }
    }

    /// The provider rules a generic match's assignment `name` names, in
    /// rule order.
    pub fn rules_named_in(&self, name: &[u8]) -> Vec<usize> {
        let Some(names) = &self.names else {
            return Vec::new();
        };
        let mut rules: Vec<usize> = names
            .find_overlapping_iter(name)
            .flat_map(|hit| self.rules_by_name[hit.pattern().as_usize()].iter().copied())
            .collect();
        rules.sort_unstable();
        rules.dedup();
        rules
    }

    /// Whether a generic match with this assignment `name` and `value`
    /// belongs to a provider's rules instead.
    ///
    /// The name test only covers hex and UUID-shaped values, which under a
    /// provider's name are mostly project ids and public keys the provider
    /// rules know to leave alone (`MIXPANEL_TOKEN=<32 hex>`); a mixed-case
    /// random value under a provider's name (`firebase_token: Uugn9…`) is
    /// still reported. Passwords are never deferred by name: provider rules
    /// find tokens, so `STRIPE_DB_PASSWORD` stays with the generic rules.
    pub fn claims(&self, name: Option<&[u8]>, value: &[u8]) -> bool {
        if let (Some(name), Some(names)) = (name, &self.names)
            && is_identifier_shaped(value)
            && !is_password_name(name)
            && names.is_match(name)
        {
            return true;
        }
        let lower = value.to_ascii_lowercase();
        self.prefixes.iter().any(|p| lower.starts_with(p.as_bytes()))
    }
}

fn is_identifier_shaped(value: &[u8]) -> bool {
    value.iter().all(|b| b.is_ascii_hexdigit() || *b == b'-')
}

fn is_password_name(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    [&b"pass"[..], b"pwd"]
        .iter()
        .any(|w| memchr::memmem::find(&lower, w).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn provider_names_and_prefixes_claim_generic_matches() {
        let rules = RuleSet::builtin().expect("built-in rules load");
        let terms = ProviderTerms::new(rules.rules());
        assert!(terms.claims(Some(b"MIXPANEL_TOKEN"), b"704f78afe3f3dec137f984731b70405f"));
        assert!(terms.claims(Some(b"HF_TOKEN"), b"hf_MTOLaXgPEHomcMRZeXFf"));
        assert!(!terms.claims(Some(b"STRIPE_DB_PASSWORD"), b"Xk29fLq7Ws4a"));
        assert!(!terms.claims(Some(b"INTERNAL_TOKEN"), b"Xk29fLq7Ws4aQ8mN"));
        // `token-` starts Rancher tokens, `prod-` Keygen ones: a generic word
        // with a separator claims nothing.
        assert!(!terms.claims(Some(b"DEPLOY_KEY"), b"token-Xk29fLq7Ws4aQ8mN"));
        assert!(!terms.claims(Some(b"DB_PASSWORD"), b"prod-Xk29fLq7Ws4aQ8mN"));
        assert!(terms.claims(Some(b"DEPLOY_KEY"), b"rpa_Xk29fLq7Ws4aQ8mN"));
        assert!(!terms.claims(
            Some(b"firebase_token"),
            b"Uugn9NWfO7iofuYKfNV2EyDNUGqgumNZBxYPxsYt"
        ));
    }
}
