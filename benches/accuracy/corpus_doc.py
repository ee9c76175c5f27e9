"""A file under construction, and how each syntax writes `name = value`.

`Doc` collects lines and remembers, for every labelled thing it is given,
the 1-based line range it landed on: secrets, decoy lines (things that look
like secrets and are not), and companion lines (the public half of a pair,
such as an AWS key id, which is neither a secret nor a false alarm).
"""

import json
import re


class Doc:
    def __init__(self, path, ftype):
        self.path = path
        self.ftype = ftype
        self.lines = []
        self.secrets = []
        self.decoys = []
        self.companions = []
        self.crlf = False

    # -- building

    def add(self, text=""):
        """Append text (may hold newlines); returns its 1-based line range."""
        parts = text.split("\n")
        start = len(self.lines) + 1
        self.lines.extend(parts)
        return start, len(self.lines)

    def extend(self, lines):
        for line in lines:
            self.add(line)

    def secret(self, text, label, mark=None):
        """Append text holding a secret. `mark`, when given, is a substring
        of one line of `text`: only that line is the secret's range (the
        value line of `- name: X / value: Y`). Otherwise the whole text is."""
        start, end = self.add(text)
        if mark is not None:
            for i, line in enumerate(text.split("\n")):
                if mark in line:
                    start = end = start + i
                    break
            else:
                raise ValueError("mark not in text")
        entry = dict(label)
        entry["line"], entry["end_line"] = start, end
        self.secrets.append(entry)
        return start, end

    def decoy(self, text, what, mark=None):
        start, end = self.add(text)
        if mark is not None:
            for i, line in enumerate(text.split("\n")):
                if mark in line:
                    start = end = start + i
                    break
        self.decoys.append({"line": start, "end_line": end, "what": what})
        return start, end

    def companion(self, text, what):
        start, end = self.add(text)
        self.companions.append({"line": start, "end_line": end, "what": what})
        return start, end

    def label_existing(self, kind, line, end_line, entry):
        entry = dict(entry)
        entry["line"], entry["end_line"] = line, end_line
        {"secret": self.secrets, "decoy": self.decoys, "companion": self.companions}[kind].append(entry)

    def text(self):
        body = "\n".join(self.lines)
        if not body.endswith("\n"):
            body += "\n"
        if self.crlf:
            body = body.replace("\n", "\r\n")
        return body


# ---------------------------------------------------------------------------
# names


def words(name):
    """Split FOO_BAR, fooBar, foo.bar-baz into lower-case words."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+", name) if w]


def upper_snake(name):
    return "_".join(words(name)).upper()


def lower_snake(name):
    return "_".join(words(name))


def camel(name):
    w = words(name)
    return w[0] + "".join(x.capitalize() for x in w[1:]) if w else name


def pascal(name):
    return "".join(x.capitalize() for x in words(name))


def dotted(name):
    w = words(name)
    if len(w) > 2:
        return w[0] + "." + "-".join(w[1:])
    return ".".join(w)


def kebab(name):
    return "-".join(words(name))


# ---------------------------------------------------------------------------
# quoting


def dq(v):
    """A double-quoted string literal in C-like languages (also JSON)."""
    return json.dumps(v)


def sq(v):
    return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"


def py_str(v, rng=None):
    if "'" in v and '"' not in v:
        return '"' + v.replace("\\", "\\\\") + '"'
    if '"' in v and "'" not in v:
        return "'" + v.replace("\\", "\\\\") + "'"
    return dq(v)


def php_sq(v):
    return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"


def xml_attr(v):
    return v.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def xml_text(v):
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def yaml_scalar(v):
    """A YAML scalar: plain when safe, otherwise double-quoted."""
    if re.fullmatch(r"[A-Za-z0-9_./+=\-]+", v) and not re.fullmatch(r"[0-9.+\-e]+|true|false|null|yes|no|on|off", v, re.I) and not v.startswith(("-", "=")):
        return v
    if "'" not in v and "\\" not in v:
        return "'" + v + "'"
    return dq(v)


def env_value(v, rng):
    """A .env value: bare, or quoted when it has spaces or shell-special characters."""
    if re.fullmatch(r"[A-Za-z0-9_./+=:\-@,%]+", v):
        return rng.choice([v, v, '"%s"' % v, "'%s'" % v]) if "$" not in v else "'%s'" % v
    if "'" not in v:
        return "'%s'" % v
    return dq(v)


def shell_value(v):
    if re.fullmatch(r"[A-Za-z0-9_./+=:\-@,%]+", v):
        return v
    if "'" not in v:
        return "'%s'" % v
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`") + '"'


def toml_str(v):
    if "'" not in v and "\n" not in v:
        return "'%s'" % v if "\\" in v or '"' in v else dq(v)
    return dq(v)


def hcl_str(v):
    return dq(v).replace("${", "$${").replace("%{", "%%{")


def properties_value(v):
    return v.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=") if re.search(r"[\\]", v) else v


# ---------------------------------------------------------------------------
# `name = value` in each syntax. Each returns one line; `style` picks among
# the ways people write it.


def assign(ftype, name, value, rng):
    N, n, c = upper_snake(name), lower_snake(name), camel(name)
    if ftype == "env":
        return rng.choice(["%s=%s", "%s=%s", "export %s=%s"]) % (N, env_value(value, rng))
    if ftype == "sh":
        return rng.choice(["export %s=%s", "%s=%s"]) % (N, shell_value(value))
    if ftype == "py":
        return rng.choice([
            "%s = %s" % (N, py_str(value)),
            "%s = %s" % (N, py_str(value)),
            "os.environ[%s] = %s" % (dq(N), py_str(value)),
            "%s = os.environ.get(%s, %s)" % (N, dq(N), py_str(value)),
        ])
    if ftype in ("js", "ts"):
        return rng.choice([
            "const %s = %s;" % (N, sq(value)),
            "const %s = %s;" % (c, dq(value)),
            "const %s = process.env.%s || %s;" % (c, N, sq(value)),
            "export const %s = %s;" % (N, dq(value)),
        ])
    if ftype == "go":
        return rng.choice(["\t%s = %s" % (c, dq(value)), "const %s = %s" % (c, dq(value))])
    if ftype == "java":
        return "    private static final String %s = %s;" % (N, dq(value))
    if ftype == "kt":
        return "    const val %s = %s" % (N, dq(value).replace("$", "\\$"))
    if ftype == "cs":
        return "        private const string %s = %s;" % (pascal(name), "@" + dq(value).replace("\\\"", '""') if "\\" in value else dq(value))
    if ftype == "rb":
        return rng.choice(["%s = %s" % (N, sq(value)), "ENV['%s'] ||= %s" % (N, sq(value))])
    if ftype == "php":
        return rng.choice(["define('%s', %s);" % (N, php_sq(value)), "$%s = %s;" % (c, php_sq(value))])
    if ftype == "rs":
        return 'const %s: &str = %s;' % (N, dq(value))
    if ftype == "swift":
        return '    static let %s = %s' % (c, dq(value))
    if ftype == "yaml":
        return "%s: %s" % (rng.choice([n, N, c]), yaml_scalar(value))
    if ftype == "json":
        return "%s: %s" % (dq(rng.choice([c, N, n])), dq(value))
    if ftype == "ini":
        return "%s = %s" % (n, value)
    if ftype == "properties":
        return "%s=%s" % (dotted(name), properties_value(value))
    if ftype == "toml":
        return "%s = %s" % (n, toml_str(value))
    if ftype == "tf":
        return "%s = %s" % (n, hcl_str(value))
    if ftype == "xml":
        return rng.choice(['    <add key="%s" value="%s" />' % (pascal(name), xml_attr(value)), "    <%s>%s</%s>" % (c, xml_text(value), c)])
    if ftype == "dockerfile":
        return rng.choice(["ENV %s=%s" % (N, shell_value(value)), "ENV %s %s" % (N, value if " " not in value else dq(value)), "ARG %s=%s" % (N, shell_value(value))])
    raise ValueError(ftype)
