//! `cvl-bench`'s end-to-end part: the corpus written to a temporary directory and the release `cvl check DIR`
//! binary timed on it, wall clock and CPU, on every core (the default) and with `--jobs 1`.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use cvl_bench::generate;
use cvl_bench::timing::{median, millis};

use crate::{Args, cvl_binary};

/// Writes the corpus to a temporary directory, times `cvl check DIR` and prints a table; returns the median wall.
pub(crate) fn end_to_end(args: &Args, corpus: &[String]) -> Result<Duration, String> {
    let cvl = cvl_binary(args.cvl.as_ref())?;
    let dir = std::env::temp_dir().join(format!("cvl-bench-{}", std::process::id()));
    write_corpus(&dir, corpus)?;
    let result = time_cli(&cvl, &dir, corpus.len(), args.runs, &[]).and_then(|all| {
        time_cli(&cvl, &dir, corpus.len(), args.runs, &["--jobs", "1"]).map(|one| (all, one))
    });
    let removed = fs::remove_dir_all(&dir);
    let ((wall, cpu), (wall_one, cpu_one)) = result?;
    removed.map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;

    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "## End to end: `{} check DIR` on {} files ({cores} cores available)\n",
        cvl.display(),
        corpus.len()
    );
    println!("| measure | value |");
    println!("|---|---:|");
    for (how, wall, cpu) in [
        ("every core (the default)", wall, cpu),
        ("one thread (`--jobs 1`)", wall_one, cpu_one),
    ] {
        println!(
            "| {how}: wall, median of {} runs | {} |",
            args.runs,
            millis(wall)
        );
        match cpu {
            Some(cpu) => {
                let hundredths = cpu.as_nanos() * 100 / wall.as_nanos().max(1);
                println!("| {how}: CPU (user + system), median | {} |", millis(cpu));
                println!(
                    "| {how}: cores used (CPU / wall) | {}.{:02} |",
                    hundredths / 100,
                    hundredths % 100
                );
            }
            None => println!("| {how}: CPU | not measured (no /proc) |"),
        }
    }
    Ok(wall)
}

pub(crate) fn write_corpus(dir: &Path, corpus: &[String]) -> Result<(), String> {
    fs::create_dir(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (index, text) in corpus.iter().enumerate() {
        let path = dir.join(generate::file_name(index));
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Runs `cvl check DIR` once to warm up and check its verdict, then `runs` times; returns the median wall time and,
/// where /proc tells, the median CPU time.
fn time_cli(
    cvl: &Path,
    dir: &Path,
    count: usize,
    runs: usize,
    options: &[&str],
) -> Result<(Duration, Option<Duration>), String> {
    let expected = format!("checked {count} files: no problems\n");
    let output = Command::new(cvl)
        .arg("check")
        .args(options)
        .arg(dir)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", cvl.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() || stdout != expected {
        return Err(format!(
            "`cvl check` did not pass the corpus: {}\n{stdout}{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let mut walls = Vec::with_capacity(runs);
    let mut cpus = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let before = children_cpu();
        let start = Instant::now();
        let status = Command::new(cvl)
            .arg("check")
            .args(options)
            .arg(dir)
            .stdout(std::process::Stdio::null())
            .status()
            .map_err(|e| format!("cannot run {}: {e}", cvl.display()))?;
        walls.push(start.elapsed());
        if !status.success() {
            return Err(format!("`cvl check` failed: {status}"));
        }
        if let (Some(before), Some(after)) = (before, children_cpu()) {
            cpus.push(after.saturating_sub(before));
        }
    }
    let cpu = (cpus.len() == walls.len()).then(|| median(&mut cpus));
    Ok((median(&mut walls), cpu))
}

/// The user and system CPU time of this process's waited-for children, from /proc/self/stat (Linux only). The
/// kernel counts it in ticks of 1/100 s (USER_HZ, which is 100 on every architecture Linux ships).
fn children_cpu() -> Option<Duration> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces: state is field 3, so
    // cutime (field 16) and cstime (field 17) are the 14th and 15th here.
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let mut fields = rest.split_whitespace().skip(13);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}
