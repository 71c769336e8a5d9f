//! minijinja templates: built into the binary, overridable file by file with
//! `--templates DIR`. The loader looks in the user's folder first, so an override is never
//! shadowed by the built-in of the same name. Undefined values are errors, not blanks.

use std::path::{Path, PathBuf};

use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, Value};

/// The built-in templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("briefing.typ", include_str!("../templates/briefing.typ")),
    ("README.md", include_str!("../templates/README.md")),
    ("treaty.md", include_str!("../templates/treaty.md")),
    ("actor.md", include_str!("../templates/actor.md")),
    ("diff.md", include_str!("../templates/diff.md")),
    // The site (`treatywatch site`): HTML pages, autoescaped.
    ("layout.html", include_str!("../templates/site/layout.html")),
    ("macros.html", include_str!("../templates/site/macros.html")),
    ("index.html", include_str!("../templates/site/index.html")),
    ("about.html", include_str!("../templates/site/about.html")),
    (
        "findings.html",
        include_str!("../templates/site/findings.html"),
    ),
    ("claims.html", include_str!("../templates/site/claims.html")),
    ("treaty.html", include_str!("../templates/site/treaty.html")),
    ("chart.html", include_str!("../templates/site/chart.html")),
    ("actor.html", include_str!("../templates/site/actor.html")),
    ("claim.html", include_str!("../templates/site/claim.html")),
    ("source.html", include_str!("../templates/site/source.html")),
    ("text.html", include_str!("../templates/site/text.html")),
    ("site.css", include_str!("../templates/site/site.css")),
    ("site.js", include_str!("../templates/site/site.js")),
    ("favicon.svg", include_str!("../templates/site/favicon.svg")),
];

/// Escapes text for markdown so that it renders exactly as written and never as markup:
/// every character that can start inline markup (emphasis, links, images, HTML, code, math,
/// mentions, tables, strikethrough) is backslash-escaped, and one that could start a block at
/// the beginning of a line is too. Line breaks become `<br>` so a value stays on its line.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut leading_digits = true;
    for (i, c) in text.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '$' | '@' => {
                out.push('\\');
                out.push(c);
            }
            '+' | '-' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if i > 0 && leading_digits => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
        leading_digits &= c.is_ascii_digit();
    }
    out
}

/// A URL made safe inside a markdown autolink (`<…>`): characters that could end the link
/// are percent-encoded.
pub fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            // Inside `<…>` nothing but these can end the link or break its line; emphasis and
            // brackets are not parsed there, so the URL otherwise stays exactly as written.
            '<' | '>' | '"' | '`' | '|' | ' ' | '\\' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_control() || c.is_whitespace() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A Typst string literal (`"…"`) holding `text` exactly; for templates that want a value in
/// code rather than reading it from the JSON data.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as HTML or XML text or a quoted attribute's value: the five special characters
/// escaped (the apostrophe as `apostrophe`: HTML's `&#x27;`, XML's `&apos;`), and the control
/// characters neither allows left out.
pub(crate) fn escape_markup(text: &str, apostrophe: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An environment whose templates come from `dir` first, then the built-ins.
pub fn environment(dir: Option<&Path>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    // HTML templates escape every value (the site); the others escape by filter (`md`,
    // `typst_string`) or read values as data (the briefing's JSON).
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    // Text in HTML escapes the five characters that HTML gives a meaning (minijinja's own
    // escaping also writes `/` as `&#x2f;`, which no browser needs and every URL then shows).
    env.set_formatter(|out, state, value| {
        if *state.auto_escape() == minijinja::AutoEscape::Html
            && value.kind() == minijinja::value::ValueKind::String
            && !value.is_safe()
            && let Some(text) = value.as_str()
        {
            return out
                .write_str(&escape_markup(text, "&#x27;"))
                .map_err(Error::from);
        }
        minijinja::escape_formatter(out, state, value)
    });
    env.add_filter("md", |v: Value| escape_markdown(&plain(&v)));
    env.add_filter("typst_string", |v: Value| typst_string(&plain(&v)));
    env.add_filter("url", |v: Value| escape_url(&plain(&v)));
    // A URL from the data as an HTML attribute: what a URL may not hold percent-encoded (the
    // template's autoescaping then takes care of `&`).
    env.add_filter("href", |v: Value| {
        escape_url(&plain(&v))
            .replace('{', "%7B")
            .replace('}', "%7D")
            .replace('^', "%5E")
    });
    let dir: Option<PathBuf> = dir.map(Path::to_path_buf);
    env.set_loader(move |name| {
        if let Some(dir) = &dir {
            // Only plain file names: a template cannot read outside its folder.
            if name.contains(['/', '\\']) || name.starts_with('.') {
                return Err(Error::new(
                    ErrorKind::TemplateNotFound,
                    "template names are plain file names",
                ));
            }
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => return Ok(Some(text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        format!("cannot read template {}: {e}", path.display()),
                    ));
                }
            }
        }
        Ok(BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| (*t).to_string()))
    });
    env
}

fn plain(v: &Value) -> String {
    if v.is_none() || v.is_undefined() {
        String::new()
    } else {
        v.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_neutralises_markup() {
        assert_eq!(escape_markdown("a*b*"), "a\\*b\\*");
        assert_eq!(
            escape_markdown("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(escape_markdown("<script>"), "\\<script\\>");
        assert_eq!(escape_markdown("# heading"), "\\# heading");
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("1. item"), "1\\. item");
        assert_eq!(escape_markdown("a|b"), "a\\|b");
        assert_eq!(escape_markdown("line\nnext"), "line<br>next");
        assert_eq!(escape_markdown("well-known 2.5"), "well-known 2.5");
    }

    #[test]
    fn html_templates_escape_what_html_reads_and_leave_slashes() {
        let mut env = environment(None);
        env.add_template(
            "t.html",
            "<a title=\"{{ v }}\" href=\"{{ u }}\">{{ v }}</a>",
        )
        .unwrap();
        env.add_template("t.md", "{{ v }}").unwrap();
        let v = r#"</script> & "it's" <b>"#;
        let html = env
            .get_template("t.html")
            .unwrap()
            .render(minijinja::context! { v, u => "../treaties/inf.html" })
            .unwrap();
        let text = "&lt;/script&gt; &amp; &quot;it&#x27;s&quot; &lt;b&gt;";
        assert_eq!(
            html,
            format!("<a title=\"{text}\" href=\"../treaties/inf.html\">{text}</a>")
        );
        // Other templates are not HTML: nothing is escaped by the environment.
        let md = env
            .get_template("t.md")
            .unwrap()
            .render(minijinja::context! { v })
            .unwrap();
        assert_eq!(md, v);
    }

    #[test]
    #[cfg(feature = "pdf")] // parses with Typst's own parser
    fn typst_strings_hold_any_text() {
        assert_eq!(typst_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(typst_string("x\ny"), "\"x\\ny\"");
        for hostile in ["#read(\"/etc/passwd\")", "]", "$x$", "\"", "\\", "\u{0}"] {
            let literal = typst_string(hostile);
            let source = format!("#let x = {literal}");
            let root = typst::syntax::parse(&source);
            let (errors, _) = root.errors_and_warnings();
            assert!(errors.is_empty(), "{hostile:?} → {literal}");
        }
    }

    #[test]
    fn strict_undefined_makes_typos_errors() {
        let env = environment(None);
        let result = env.render_str(
            "{{ treaty.shrot_name }}",
            minijinja::context! { treaty => minijinja::context! { short_name => "INF" } },
        );
        assert!(result.is_err());
    }

    #[test]
    fn a_user_template_overrides_only_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("README.md"), "custom {{ as_of }}\n").unwrap();
        let env = environment(Some(dir.path()));
        let readme = env.get_template("README.md").unwrap();
        assert_eq!(
            readme
                .render(minijinja::context! { as_of => "2019" })
                .unwrap(),
            "custom 2019\n"
        );
        assert!(
            env.get_template("treaty.md")
                .unwrap()
                .source()
                .contains("{{")
        );
        assert!(env.get_template("../secret").is_err());
    }
}
