//! Spreadsheet exports (Google Sheets, Excel, Notion): CSV with a header
//! row, through the `csv` crate, read as a table by [`super::table`]: one
//! row per expectation (columns chosen by name with `--columns`, or the
//! default names), or one column per level. A tab in the header line makes
//! it tab-separated.

use super::outline::Outline;
use super::table::{Cell, Table};
use super::{Columns, Document, Problem};

/// Reads a CSV ladder.
///
/// # Errors
/// Not CSV (a malformed record), no header row, or `--columns` naming a
/// column the header does not have.
pub fn parse(text: &str, columns: &Columns) -> Result<Document, Problem> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') { b'\t' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_owned()).collect(),
        Err(e) => return Err(Problem::new(format!("not CSV: {e}"), 0..0)),
    };
    if header.iter().all(String::is_empty) {
        return Err(Problem::new("the CSV file has no header row", 0..0)
            .with_help("the first row names the columns, e.g. Level,Competency,Behaviour"));
    }
    for (role, chosen) in [
        ("area", &columns.area),
        ("text", &columns.text),
        ("level", &columns.level),
        ("examples", &columns.examples),
    ] {
        if let Some(name) = chosen
            && !header.iter().any(|h| h.eq_ignore_ascii_case(name.trim()))
        {
            let line = first_line.len();
            return Err(Problem::new(
                format!("--columns {role}={name}: the header has no such column"),
                0..line,
            )
            .with_help(format!("the columns are: {}", header.join(", "))));
        }
    }
    let mut table = Table { header, value_place: "CSV value", at: 0..first_line.len(), ..Table::default() };
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let at = e.position().map_or(start, |p| p.byte() as usize);
                return Err(Problem::new(format!("not CSV: {e}"), at..at));
            }
        }
        let end = reader.position().byte() as usize;
        let at = start..text[..end.min(text.len())].trim_end().len().max(start);
        // A cell's lines are kept apart: an examples cell holds one example per line.
        table.rows.push(record.iter().map(|c| Cell::plain(cell_text(c))).collect());
        table.row_at.push(at);
    }
    let mut outline = Outline::new(&[], columns);
    outline.table(&table);
    Ok(outline.finish())
}

/// A cell's text: each line's white space collapsed, encoding damage repaired.
fn cell_text(cell: &str) -> String {
    cell.lines().map(super::clean).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_with_a_level_column_become_levels() {
        let csv = "Level,Competency,Behaviour,Examples\nL1,Code,Writes tests,\"Added tests\nFixed a flaky test\"\n,,,\nL2,Code,Reviews code,\n";
        let doc = parse(csv, &Columns::default()).unwrap();
        assert!(doc.leveled);
        assert_eq!(doc.levels.len(), 2);
        assert_eq!(doc.levels[0].expectations[0].examples, ["Added tests", "Fixed a flaky test"]);
        assert_eq!(doc.dropped.len(), 1);
        assert_eq!(&csv[doc.dropped[0].at.clone()], ",,,");
    }

    #[test]
    fn unknown_column_names_are_refused() {
        let columns = Columns::parse("text=Nope").unwrap();
        let err = parse("Level,Behaviour\nL1,Writes tests\n", &columns).unwrap_err();
        assert!(err.help.unwrap().contains("Level, Behaviour"));
    }
}
