//! Numbers over many packets: the totals of a summary, and per level and
//! expectation how many packets stand how.

use super::{PacketCoverage, PacketRow, Summary, round1};
use crate::analysis::{CoverageCounts, Status};

/// Totals over every summarised packet.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totals {
    /// Packets in the summary.
    pub packets: usize,
    /// Packets checked against a level.
    pub summarised: usize,
    /// Packets that could not be summarised.
    pub failed: usize,
    /// Expectation counts added over summarised packets.
    pub counts: CoverageCounts,
    /// Mean of the summarised packets' coverage percentages, one decimal.
    pub mean_percent: Option<f32>,
    /// Behaviour red flags over all packets.
    pub behaviour_flags: usize,
    /// Writing smells over all packets.
    pub writing_flags: usize,
    /// Claims without evidence over all packets.
    pub claims_without_evidence: usize,
}

/// Counts of packets by their status on one expectation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PacketCounts {
    /// Packets covering it with evidence.
    pub covered: usize,
    /// Packets claiming it without evidence.
    pub weak: usize,
    /// Packets not claiming it.
    pub uncovered: usize,
    /// Packets waiving it.
    pub waived: usize,
}

impl Summary {
    /// Totals over every packet.
    pub fn totals(&self) -> Totals {
        let mut t = Totals { packets: self.packets.len(), ..Totals::default() };
        let mut percent_sum = 0.0f64;
        for row in &self.packets {
            t.behaviour_flags += row.behaviour_flags;
            t.writing_flags += row.writing_flags;
            match &row.coverage {
                Some(c) => {
                    t.summarised += 1;
                    add_counts(&mut t.counts, &c.counts);
                    t.claims_without_evidence += c.claims_without_evidence;
                    percent_sum += f64::from(c.counts.percent());
                }
                None => t.failed += 1,
            }
        }
        if t.summarised > 0 {
            t.mean_percent = Some(round1((percent_sum / t.summarised as f64) as f32));
        }
        t
    }

    /// The summarised packets that target level `level` (an index into `levels`), in row order.
    pub fn packets_of(&self, level: usize) -> impl Iterator<Item = (&PacketRow, &PacketCoverage)> {
        self.packets
            .iter()
            .filter_map(move |r| r.coverage.as_ref().filter(|c| c.level == level).map(|c| (r, c)))
    }

    /// For expectation `expectation` of level `level`, how many of its packets stand how.
    pub fn packet_counts(&self, level: usize, expectation: usize) -> PacketCounts {
        let mut n = PacketCounts::default();
        for (_, c) in self.packets_of(level) {
            match c.statuses[expectation] {
                Status::Covered => n.covered += 1,
                Status::Weak => n.weak += 1,
                Status::Uncovered => n.uncovered += 1,
                Status::Waived => n.waived += 1,
            }
        }
        n
    }

    /// Mean coverage percentage of the packets targeting `level`, one decimal.
    pub fn mean_percent_of(&self, level: usize) -> Option<f32> {
        let percents: Vec<f32> = self.packets_of(level).map(|(_, c)| c.counts.percent()).collect();
        (!percents.is_empty()).then(|| round1(percents.iter().sum::<f32>() / percents.len() as f32))
    }
}

fn add_counts(into: &mut CoverageCounts, c: &CoverageCounts) {
    into.total += c.total;
    into.covered += c.covered;
    into.weak += c.weak;
    into.uncovered += c.uncovered;
    into.waived += c.waived;
}
