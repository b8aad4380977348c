//! An aligned terminal grid that fits a width: long cells in flexible
//! columns are cut with `…`, and when that is not enough the rightmost
//! columns are left out (the caller is told how many, to say so).

use std::io;

use termcolor::{ColorSpec, WriteColor};

use super::text::{truncate, width};

/// Spaces between columns.
const GAP: usize = 2;
/// The narrowest a flexible column is cut to before optional columns are left out.
const COMFORTABLE_FLEX: usize = 16;
/// The narrowest a flexible column is cut to.
const MIN_FLEX: usize = 8;

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// One column.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub(crate) header: String,
    pub(crate) align: Align,
    /// Whether cells may be cut to fit the width.
    pub(crate) flex: bool,
    /// Whether to leave this column out before any other when cutting is not enough.
    pub(crate) optional: bool,
}

impl Column {
    pub(crate) fn left(header: impl Into<String>, flex: bool) -> Self {
        Column { header: header.into(), align: Align::Left, flex, optional: false }
    }

    pub(crate) fn right(header: impl Into<String>) -> Self {
        Column { header: header.into(), align: Align::Right, flex: false, optional: false }
    }

    /// The same column, left out first when the width is short.
    pub(crate) fn optional(mut self) -> Self {
        self.optional = true;
        self
    }
}

/// One cell: its text and, when colouring, its colour.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    pub(crate) text: String,
    pub(crate) color: Option<ColorSpec>,
}

impl Cell {
    pub(crate) fn plain(text: impl Into<String>) -> Self {
        Cell { text: text.into(), color: None }
    }

    pub(crate) fn colored(text: impl Into<String>, color: ColorSpec) -> Self {
        Cell { text: text.into(), color: Some(color) }
    }
}

/// A grid of rows under column headers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub(crate) columns: Vec<Column>,
    pub(crate) rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// Column widths fitting `max` (if any), and which columns are shown.
    fn layout(&self, max: Option<usize>) -> (Vec<usize>, Vec<bool>) {
        let mut widths: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|cell| width(&cell.text))
                    .fold(width(&c.header), usize::max)
            })
            .collect();
        let mut shown = vec![true; widths.len()];
        let Some(max) = max else { return (widths, shown) };
        let total = |w: &[usize], shown: &[bool]| {
            let n = shown.iter().filter(|s| **s).count();
            w.iter().zip(shown).filter(|(_, s)| **s).map(|(w, _)| w).sum::<usize>()
                + GAP * n.saturating_sub(1)
        };
        // Cut flexible columns to a comfortable width, then leave out optional
        // columns, then cut to the least width, then leave out the rightmost columns.
        for floor in [COMFORTABLE_FLEX, MIN_FLEX] {
            while total(&widths, &shown) > max {
                let widest = (0..widths.len())
                    .filter(|&i| shown[i] && self.columns[i].flex && widths[i] > floor)
                    .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
                match widest {
                    Some(i) => widths[i] -= 1,
                    None => break,
                }
            }
            for i in 0..widths.len() {
                if total(&widths, &shown) > max && self.columns[i].optional {
                    shown[i] = false;
                }
            }
        }
        for i in (1..widths.len()).rev() {
            if total(&widths, &shown) > max {
                shown[i] = false;
            }
        }
        (widths, shown)
    }

    /// Writes the grid; returns how many columns were left out to fit `max`.
    pub(crate) fn write(&self, out: &mut dyn WriteColor, max: Option<usize>) -> io::Result<usize> {
        let (widths, shown) = self.layout(max);
        let mut bold = ColorSpec::new();
        bold.set_bold(true);
        let header: Vec<Cell> =
            self.columns.iter().map(|c| Cell::colored(c.header.clone(), bold.clone())).collect();
        self.write_row(out, &header, &widths, &shown)?;
        for row in &self.rows {
            self.write_row(out, row, &widths, &shown)?;
        }
        Ok(shown.iter().filter(|s| !**s).count())
    }

    fn write_row(
        &self,
        out: &mut dyn WriteColor,
        row: &[Cell],
        widths: &[usize],
        shown: &[bool],
    ) -> io::Result<()> {
        let mut line_pad = None;
        for (i, (&w, column)) in widths.iter().zip(&self.columns).enumerate() {
            if !shown[i] {
                continue;
            }
            let cell = row.get(i).cloned().unwrap_or_default();
            let text = truncate(&cell.text, w);
            let pad = w - width(&text);
            // Left-aligned padding is written only if another cell follows: no trailing spaces.
            if let Some(previous) = line_pad {
                write!(out, "{:1$}", "", GAP + previous)?;
            }
            line_pad = Some(0);
            if column.align == Align::Right {
                write!(out, "{:pad$}", "")?;
            } else {
                line_pad = Some(pad);
            }
            match &cell.color {
                Some(spec) => {
                    out.set_color(spec)?;
                    write!(out, "{text}")?;
                    out.reset()?;
                }
                None => write!(out, "{text}")?,
            }
        }
        writeln!(out)
    }
}
