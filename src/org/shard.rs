//! `--shard I/N`: repository I, I+N, I+2N … of the sorted list, so N
//! independent jobs (a Kubernetes Indexed Job, a CI matrix) split the work
//! with no coordinator. `auto/N` takes I from `JOB_COMPLETION_INDEX`, which
//! Kubernetes sets in every pod of an Indexed Job.

use std::fmt;

/// Environment variable an Indexed Job sets to the pod's index.
pub const INDEX_VAR: &str = "JOB_COMPLETION_INDEX";

/// A shard as written on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardSpec {
    /// `I/N`.
    Fixed(Shard),
    /// `auto/N`: the index comes from [`INDEX_VAR`].
    Auto(usize),
}

/// One of `count` shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 0-based index.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl ShardSpec {
    /// Parses `I/N` or `auto/N` (clap value parser).
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("{text:?} is not a shard; write I/N (I from 0 to N-1) or auto/N");
        let (index, count) = text.trim().split_once('/').ok_or_else(bad)?;
        let count: usize = count.trim().parse().map_err(|_| bad())?;
        if count == 0 {
            return Err(bad());
        }
        if index.trim() == "auto" {
            return Ok(ShardSpec::Auto(count));
        }
        let index: usize = index.trim().parse().map_err(|_| bad())?;
        if index >= count {
            return Err(format!("shard {index}/{count}: the index must be below {count}"));
        }
        Ok(ShardSpec::Fixed(Shard { index, count }))
    }

    /// The shard, reading `JOB_COMPLETION_INDEX` (through `env`) for `auto/N`.
    pub fn resolve(self, env: impl Fn(&str) -> Option<String>) -> Result<Shard, String> {
        match self {
            ShardSpec::Fixed(shard) => Ok(shard),
            ShardSpec::Auto(count) => {
                let value = env(INDEX_VAR).ok_or_else(|| {
                    format!("--shard auto/{count}: {INDEX_VAR} is not set (it is set in a Kubernetes Indexed Job; elsewhere give I/{count})")
                })?;
                let index: usize = value
                    .trim()
                    .parse()
                    .map_err(|_| format!("--shard auto/{count}: {INDEX_VAR}={value:?} is not a number"))?;
                if index >= count {
                    return Err(format!(
                        "--shard auto/{count}: {INDEX_VAR}={index} is out of range (completions and N must agree)"
                    ));
                }
                Ok(Shard { index, count })
            }
        }
    }
}

impl Shard {
    /// The items of this shard from a sorted list: every `count`-th from `index`.
    pub fn select<T>(self, sorted: Vec<T>) -> Vec<T> {
        sorted
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % self.count == self.index)
            .map(|(_, item)| item)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn specs_parse_and_auto_reads_the_job_index() {
        assert_eq!(
            ShardSpec::parse("1/4"),
            Ok(ShardSpec::Fixed(Shard { index: 1, count: 4 }))
        );
        assert_eq!(ShardSpec::parse("auto/3"), Ok(ShardSpec::Auto(3)));
        for bad in ["4/4", "1/0", "x/2", "3", "-1/2"] {
            assert!(ShardSpec::parse(bad).is_err(), "{bad}");
        }
        let env = |v: &'static str| move |_: &str| Some(v.to_string());
        assert_eq!(
            ShardSpec::Auto(3).resolve(env("2")),
            Ok(Shard { index: 2, count: 3 })
        );
        assert!(ShardSpec::Auto(3).resolve(env("3")).is_err());
        assert!(ShardSpec::Auto(3).resolve(|_| None).is_err());
    }

    proptest! {
        #[test]
        fn every_item_is_in_exactly_one_shard(len in 0usize..300, count in 1usize..17) {
            let items: Vec<usize> = (0..len).collect();
            let mut seen = vec![0u32; len];
            for index in 0..count {
                for item in (Shard { index, count }).select(items.clone()) {
                    seen[item] += 1;
                }
            }
            prop_assert!(seen.iter().all(|&n| n == 1));
        }
    }
}
