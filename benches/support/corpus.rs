//! A deterministic corpus of promotion packets for the speed measurements
//! (`benches/check.rs`, `examples/gen_corpus.rs`, `scripts/bench-vs-rg.sh`).
//!
//! Packet `i` targets one of the five built-in levels (cycling through them)
//! and its body is assembled from blocks of the real fixture packets
//! (`fixtures/packets/*.md`, read at generation time): paragraphs, runs of list
//! items, tables with rows picked from the same table, and section headings.
//! The choice is driven by a xorshift generator seeded from the packet index,
//! so the same `n` always gives byte-identical files. Every packet is between
//! [`MIN_BYTES`] and [`MAX_BYTES`] long.
//!
//! Real packets are rarely plain ASCII: about half of the blocks get
//! typographic punctuation (curly quotes and apostrophes, em dashes,
//! ellipses, as word processors write them), some titles and headings carry
//! an em dash ("Promotion — L4"), and about one block in twelve is written in
//! Cyrillic or CJK script ([`NON_LATIN`]), with the links, numbers and ticket
//! references such text keeps in ASCII.
//!
//! Next to the packets, `patterns.txt` holds every regex the built-in rules
//! match with (expectations and red flags of every level, evidence kinds,
//! common red flags), one per line, as obtained from the library, so `rg` can
//! search the same files for the same patterns.
//!
//! Include it with `#[allow(dead_code)] #[path = "support/corpus.rs"] mod
//! corpus;`: each user needs only a part of it.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The built-in levels the packets target, in the order they cycle.
pub(crate) const LEVELS: [(&str, &str); 5] = [
    ("generic", "senior"),
    ("joe-and-the-juice", "IC4"),
    ("meetup", "principal-platform-architect"),
    ("socialbakers", "L4"),
    ("socialbakers", "value-stream-architect"),
];

/// Smallest packet, in bytes.
pub(crate) const MIN_BYTES: usize = 2 * 1024;
/// Largest packet, in bytes.
pub(crate) const MAX_BYTES: usize = 10 * 1024;

/// Name of the pattern file written next to the packets.
pub(crate) const PATTERNS_FILE: &str = "patterns.txt";

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Packets written.
    pub(crate) packets: usize,
    /// Total size of the packets, in bytes.
    pub(crate) packet_bytes: u64,
    /// Patterns written to `patterns.txt`.
    pub(crate) patterns: usize,
    /// Patterns left out of `patterns.txt` because they cannot be written as
    /// one line (they contain a line break) or are empty.
    pub(crate) patterns_skipped: usize,
}

/// Writes `n` packets (`packet-00000.md`, ...) and `patterns.txt` into `dir`,
/// creating it if needed. Other files in `dir` are left alone.
///
/// # Errors
/// Unreadable fixtures, invalid built-in rules, a built-in level missing, or a
/// file that cannot be written.
pub(crate) fn generate(dir: &Path, n: usize) -> Result<Summary> {
    let blocks = Blocks::from_fixtures(&fixtures_dir())?;
    let (patterns, patterns_skipped) = builtin_patterns()?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;

    let mut packet_bytes = 0u64;
    for index in 0..n {
        let text = packet(index, &blocks);
        if !(MIN_BYTES..=MAX_BYTES).contains(&text.len()) {
            bail!("generated packet {index} is {} bytes, outside {MIN_BYTES}..={MAX_BYTES}", text.len());
        }
        let path = dir.join(format!("packet-{index:05}.md"));
        fs::write(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
        packet_bytes += text.len() as u64;
    }

    let mut list = patterns.join("\n");
    list.push('\n');
    let path = dir.join(PATTERNS_FILE);
    fs::write(&path, list).with_context(|| format!("cannot write {}", path.display()))?;

    Ok(Summary { packets: n, packet_bytes, patterns: patterns.len(), patterns_skipped })
}

/// `fixtures/packets` of this crate.
fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join("packets")
}

/// Every pattern of the built-in rules, first occurrence order, without
/// duplicates (a level inherits its base's patterns through `extends`); and
/// how many were left out because they are empty or span lines.
fn builtin_patterns() -> Result<(Vec<String>, usize)> {
    let mut sources = promolint::source::Sources::new();
    let (rules, diagnostics) = promolint::rules::load(&[] as &[&str], true, &mut sources)
        .context("cannot load the built-in rules")?;
    if !diagnostics.is_empty() {
        bail!("the built-in rules have {} problem(s); run `promolint rules check`", diagnostics.len());
    }
    for (ladder, level) in LEVELS {
        if rules.ladder(ladder).and_then(|l| l.level(level)).is_none() {
            bail!("built-in level {ladder}/{level} not found");
        }
    }

    let mut all: Vec<&str> = Vec::new();
    for level in rules.levels() {
        for e in &level.expectations {
            all.extend(e.patterns.iter().map(String::as_str));
        }
        for f in &level.red_flags {
            all.extend(f.patterns.iter().map(String::as_str));
        }
    }
    for e in &rules.evidence {
        all.extend(e.patterns.iter().map(String::as_str));
    }
    for c in &rules.common_red_flags {
        all.extend(c.flag.patterns.iter().map(String::as_str));
    }

    let mut kept: Vec<String> = Vec::new();
    let mut skipped = 0;
    for p in all {
        if p.is_empty() || p.contains(['\n', '\r']) {
            skipped += 1;
        } else if !kept.iter().any(|k| k == p) {
            kept.push(p.to_owned());
        }
    }
    Ok((kept, skipped))
}

/// A table of a fixture: its header and separator lines, and its rows.
#[derive(Debug)]
struct Table {
    head: String,
    rows: Vec<String>,
}

/// The building blocks taken from the fixture packets.
#[derive(Debug, Default)]
struct Blocks {
    /// `##`/`###` headings, with their `#`s.
    headings: Vec<String>,
    /// Paragraphs and block quotes, lines joined with `\n`.
    paragraphs: Vec<String>,
    /// List items, with their continuation lines.
    items: Vec<String>,
    /// Tables.
    tables: Vec<Table>,
}

impl Blocks {
    fn from_fixtures(dir: &Path) -> Result<Blocks> {
        let mut paths: Vec<PathBuf> = fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<_>>()
            .with_context(|| format!("cannot read {}", dir.display()))?;
        paths.retain(|p| p.extension().is_some_and(|e| e == "md"));
        paths.sort();
        let mut blocks = Blocks::default();
        for path in &paths {
            let text = fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            blocks.add(strip_front_matter(&text));
        }
        if blocks.headings.is_empty()
            || blocks.paragraphs.is_empty()
            || blocks.items.is_empty()
            || blocks.tables.is_empty()
        {
            bail!("{} has too few headings, paragraphs, list items or tables", dir.display());
        }
        Ok(blocks)
    }

    /// Splits a packet body into blocks.
    fn add(&mut self, body: &str) {
        let lines: Vec<&str> = body.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let trimmed = line.trim_start();
            if line.trim().is_empty() {
                i += 1;
            } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                // A fenced block, kept whole as one paragraph.
                let fence = &trimmed[..3];
                let start = i;
                i += 1;
                while i < lines.len() && !lines[i].trim_start().starts_with(fence) {
                    i += 1;
                }
                i = (i + 1).min(lines.len());
                self.paragraphs.push(lines[start..i].join("\n"));
            } else if line.starts_with('#') {
                // The `#` title names the fixture's candidate; the packet gets its own.
                if line.starts_with("##") {
                    self.headings.push(line.to_owned());
                }
                i += 1;
            } else if line.starts_with('|') {
                let start = i;
                while i < lines.len() && lines[i].starts_with('|') {
                    i += 1;
                }
                if i - start >= 3 {
                    self.tables.push(Table {
                        head: lines[start..start + 2].join("\n"),
                        rows: lines[start + 2..i].iter().map(|s| (*s).to_owned()).collect(),
                    });
                }
            } else if is_list_item(line) {
                let start = i;
                i += 1;
                while i < lines.len()
                    && !lines[i].trim().is_empty()
                    && lines[i].starts_with([' ', '\t'])
                    && !is_list_item(lines[i])
                {
                    i += 1;
                }
                self.items.push(lines[start..i].join("\n"));
            } else {
                let start = i;
                while i < lines.len()
                    && !lines[i].trim().is_empty()
                    && !lines[i].starts_with(['#', '|'])
                    && !is_list_item(lines[i])
                {
                    i += 1;
                }
                self.paragraphs.push(lines[start..i].join("\n"));
            }
        }
    }
}

/// The text after a leading `---` ... `---` front-matter block, if any.
fn strip_front_matter(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return text;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return &rest[offset..];
        }
    }
    text
}

/// Whether a line starts a list item (`- `, `* `, `+ `, `1. `), nested or not.
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

/// Xorshift64 with a splitmix64-scrambled seed: small, fast, deterministic.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        XorShift((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform-enough in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// In `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST_NAMES: [&str; 12] = [
    "Ada",
    "Bongani",
    "Chiara",
    "Dmitri",
    "Eun-ji",
    "Farah",
    "Goran",
    "Hana",
    "Ikechukwu",
    "Jonas",
    "Keiko",
    "Lucía",
];
const LAST_NAMES: [&str; 12] = [
    "Abara",
    "Berg",
    "Castellano",
    "Dvořák",
    "Eriksen",
    "Fonseca",
    "Gallagher",
    "Horvat",
    "Iyer",
    "Jablonski",
    "Kowalczyk",
    "Lindgren",
];

/// Packet `index`: front matter, a title, then blocks until its drawn length.
fn packet(index: usize, blocks: &Blocks) -> String {
    let mut rng = XorShift::new(index as u64);
    let (ladder, target) = LEVELS[index % LEVELS.len()];
    let name = format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES));
    let title = if rng.below(2) == 0 { ":" } else { " —" };
    let mut out = format!(
        "---\ncandidate: {name} ({index})\nladder: {ladder}\ntarget: {target}\n---\n\
         # {name}{title} promotion to {target}\n\n"
    );
    let length = rng.between(MIN_BYTES + 256, MAX_BYTES - 512);
    let mut since_heading = usize::MAX;
    let mut misses = 0;
    while out.len() < length && misses < 64 {
        let chunk = if since_heading >= 5 || since_heading >= 2 && rng.below(3) == 0 {
            since_heading = 0;
            let heading = rng.pick(&blocks.headings).clone();
            if rng.below(4) == 0 { format!("{heading} — {}", rng.pick(&YEARS)) } else { heading }
        } else if rng.below(12) == 0 {
            since_heading = since_heading.saturating_add(1);
            (*rng.pick(&NON_LATIN)).to_owned()
        } else {
            since_heading = since_heading.saturating_add(1);
            match rng.below(10) {
                0..=3 => rng.pick(&blocks.paragraphs).clone(),
                4..=8 => {
                    let count = rng.between(2, 6);
                    (0..count).map(|_| rng.pick(&blocks.items).as_str()).collect::<Vec<_>>().join("\n")
                }
                _ => {
                    let table = rng.pick(&blocks.tables);
                    let count = rng.between(2, table.rows.len().max(2) + 1);
                    let mut t = table.head.clone();
                    for _ in 0..count {
                        t.push('\n');
                        t.push_str(rng.pick(&table.rows).as_str());
                    }
                    t
                }
            }
        };
        let chunk = if rng.below(2) == 0 { typographic(&chunk) } else { chunk };
        if out.len() + chunk.len() + 2 <= MAX_BYTES {
            out.push_str(&chunk);
            out.push_str("\n\n");
        } else {
            misses += 1;
        }
    }
    out
}

/// Periods appended to some headings after an em dash.
const YEARS: [&str; 4] = ["2023", "2024", "H1 2025", "Q3"];

/// Blocks written in Cyrillic and CJK script: list items and paragraphs as a
/// candidate writing in Russian, Ukrainian, Chinese or Japanese would, with
/// ASCII links, numbers and references.
const NON_LATIN: [&str; 10] = [
    "- Провёл миграцию платёжного сервиса на новую очередь сообщений; задержка снизилась на 40% ([RFC](https://wiki.example.com/rfc-112)).",
    "- Наставлял двух новых инженеров: оба выпустили первые изменения в продакшен за месяц (PR #4821, PR #4907).",
    "Руководил проектом по надёжности вместе с командами платформы и поддержки. За квартал число инцидентов уровня P1 упало с 9 до 2, а время восстановления — с 3 часов до 40 минут.",
    "- Спроєктував систему кешування для каталогу; навантаження на базу даних зменшилося на 60% (OPS-2291).",
    "- 主导了搜索服务的重构，P95 延迟从 800ms 降到 120ms（PR #5120）。",
    "- 指导了三名新同事完成入职，并编写了团队的代码评审指南（[指南](https://wiki.example.com/review)）。",
    "与产品和设计团队合作，制定了 2024 年的技术路线图，并在季度评审中向管理层汇报。客户投诉减少了 25%。",
    "- 決済基盤の障害対応プロセスを見直し、平均復旧時間を 50% 短縮しました（INC-3310）。",
    "- チーム横断の設計レビューを毎週主催し、12 件の設計書をレビューしました。",
    "> 「彼女のおかげでリリースが予定通りに進んだ」 — プロダクトマネージャー、2024年3月",
];

/// `block` as a word processor writes it: curly apostrophes and quotes, em
/// dashes for spaced hyphens and for double hyphens, an ellipsis character.
/// Markdown syntax (list markers, table pipes, link targets) is left as it is:
/// only apostrophes between letters, quotes around words and hyphens with a
/// space on each side inside a line change.
fn typographic(block: &str) -> String {
    let mut out = String::with_capacity(block.len() + 16);
    let chars: Vec<char> = block.chars().collect();
    let mut open = true;
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        match c {
            '\'' if before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic) => {
                out.push('’')
            }
            '"' if open && after.is_some_and(char::is_alphanumeric) => {
                out.push('“');
                open = false;
            }
            '"' if !open => {
                out.push('”');
                open = true;
            }
            '-' if before == Some(' ')
                && after == Some(' ')
                && i >= 2
                && !matches!(chars[i - 2], '\n' | ' ' | '|') =>
            {
                out.push('—')
            }
            _ => out.push(c),
        }
    }
    out.replace("...", "…").replace(" -- ", " — ")
}
