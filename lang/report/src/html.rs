//! Writing HTML without an unescaped interpolation: the only way to put text into a page.
//!
//! [`Html`] takes markup only as `&'static str` (tags, attribute names and the style sheet written in this
//! crate) and everything else through [`Html::text`], which shows the string as every output of `cvl` does
//! (`cvl_syntax::text::shown`: CPR-like numbers masked, control and bidirectional characters escaped) and then
//! escapes the five characters HTML gives a meaning to. An attribute's value goes through [`Html::attr`], the same
//! way. A quoted clause keeps its line breaks: [`Html::source`] shows it line by line.

use cvl_syntax::text::shown;

/// A page being written.
#[derive(Default)]
pub(crate) struct Html {
    out: String,
}

/// `text` with `&`, `<`, `>`, `"` and `'` written as character references, so that it can stand in an element or
/// a quoted attribute and mean only itself.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl Html {
    /// Markup written in this crate: never a value.
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// A string from a file, an event or a figure: shown, then escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.out.push_str(&escape(&shown(text)));
        self
    }

    /// An attribute ` name="value"`, the value shown and escaped.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.out.push_str(&escape(&shown(value)));
        self.out.push('"');
        self
    }

    /// `<tag>text</tag>`.
    pub fn el(&mut self, tag: &'static str, text: &str) -> &mut Self {
        self.raw("<").raw(tag).raw(">").text(text).raw("</");
        self.out.push_str(tag.split(' ').next().unwrap_or(tag));
        self.raw(">")
    }

    /// Source text, line by line: each line shown and escaped, the line breaks kept.
    pub fn source(&mut self, text: &str) -> &mut Self {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            self.text(line.strip_suffix('\r').unwrap_or(line));
        }
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_reads() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("Østervold 52.096,78 kr."), "Østervold 52.096,78 kr.");
    }

    #[test]
    fn text_is_shown_then_escaped() {
        let mut html = Html::default();
        html.text("<b>\u{1b}[2K</b> 010190-1234 \u{202e}");
        assert_eq!(
            html.finish(),
            r"&lt;b&gt;\u{1b}[2K&lt;/b&gt; ******-**** \u{202e}"
        );
    }

    #[test]
    fn attributes_cannot_break_out() {
        let mut html = Html::default();
        html.raw("<a").attr("title", "\" onclick=\"x").raw(">");
        assert_eq!(html.finish(), "<a title=\"&quot; onclick=&quot;x\">");
    }

    #[test]
    fn source_keeps_its_lines() {
        let mut html = Html::default();
        html.source("pay 5 <DKK>\r\n  per month");
        assert_eq!(html.finish(), "pay 5 &lt;DKK&gt;\n  per month");
    }

    #[test]
    fn elements_close_their_tag_only() {
        let mut html = Html::default();
        html.el("td class=\"n\"", "1 < 2");
        assert_eq!(html.finish(), "<td class=\"n\">1 &lt; 2</td>");
    }
}
