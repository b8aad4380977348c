//! Text for terminals: control characters (ESC, BEL, backspace, NUL, …) and
//! bidirectional overrides in packet text, names and paths are shown as
//! visible escapes (`\u{1b}`), never sent to the terminal to interpret, so a
//! packet cannot clear the screen, move the cursor or hide diagnostics.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is: a C0/C1 control other
/// than tab and line breaks, or a bidirectional formatting character.
pub(crate) fn is_unsafe(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with each unsafe character (see [`is_unsafe`]) written as `\u{XX}`;
/// borrowed when there is none. Line breaks and tabs are kept.
pub(crate) fn escape_controls(s: &str) -> Cow<'_, str> {
    escape_with(s, is_unsafe)
}

/// `s` for one line of output (a name, a path, a message): as
/// [`escape_controls`], and line breaks and tabs escaped too (`\u{a}`).
pub(crate) fn escape_line(s: &str) -> Cow<'_, str> {
    escape_with(s, |c| is_unsafe(c) || matches!(c, '\t' | '\n' | '\r'))
}

fn escape_with(s: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A coloured writer that escapes unsafe characters in the text written to
/// it (as [`escape_controls`]) while colour changes still reach the terminal:
/// for outputs such as `summary --format table` that print many names.
pub(crate) struct EscapingWriter<W>(pub W);

impl<W: std::io::Write> std::io::Write for EscapingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Formatting writes whole `str` pieces, so a character is never split.
        match std::str::from_utf8(buf) {
            Ok(text) => self.0.write_all(escape_controls(text).as_bytes()),
            Err(_) => self.0.write_all(&escape_bytes(buf)),
        }?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Bytes that are not UTF-8: ASCII controls escaped, the rest as they are.
fn escape_bytes(buf: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(buf.len());
    for &b in buf {
        if (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f {
            out.extend_from_slice(format!("\\u{{{b:x}}}").as_bytes());
        } else {
            out.push(b);
        }
    }
    out
}

impl<W: termcolor::WriteColor> termcolor::WriteColor for EscapingWriter<W> {
    fn supports_color(&self) -> bool {
        self.0.supports_color()
    }

    fn set_color(&mut self, spec: &termcolor::ColorSpec) -> std::io::Result<()> {
        self.0.set_color(spec)
    }

    fn reset(&mut self) -> std::io::Result<()> {
        self.0.reset()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible() {
        assert_eq!(escape_controls("a\u{1b}[2Jb\u{7}\n"), "a\\u{1b}[2Jb\\u{7}\n");
        assert_eq!(escape_line("x\ny\u{202e}"), "x\\u{a}y\\u{202e}");
        assert!(matches!(escape_controls("plain — text\t"), Cow::Borrowed(_)));
        let mut out = EscapingWriter(Vec::new());
        std::io::Write::write_all(&mut out, "n\u{1b}]0;x\u{7}".as_bytes()).unwrap();
        assert_eq!(String::from_utf8(out.0).unwrap(), "n\\u{1b}]0;x\\u{7}");
    }
}
