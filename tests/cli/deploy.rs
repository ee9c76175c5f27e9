//! The deployment examples in `deploy/` are parsed and checked for what
//! Kubernetes and GitHub Actions need, and for agreement between the number
//! of shards and the `--shard` flags, so an edit cannot silently leave
//! repositories unscanned.

use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

fn documents(relative: &str) -> Vec<Yaml> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
    YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn strings(list: &Yaml) -> Vec<String> {
    list.as_vec()
        .map(|items| {
            items
                .iter()
                .map(|v| match v {
                    Yaml::String(s) => s.clone(),
                    Yaml::Integer(n) => n.to_string(),
                    other => panic!("not a string: {other:?}"),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The value after `flag` in an argument list.
fn after<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn job<'a>(docs: &'a [Yaml], name: &str) -> &'a Yaml {
    docs.iter()
        .find(|d| d["kind"].as_str() == Some("Job") && d["metadata"]["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no Job named {name}"))
}

#[test]
fn the_indexed_job_shards_by_completion_index() {
    let docs = documents("deploy/kubernetes/indexed-job.yaml");
    let audit = job(&docs, "leakhound-org-audit");
    assert_eq!(audit["apiVersion"].as_str(), Some("batch/v1"));
    let spec = &audit["spec"];
    assert_eq!(spec["completionMode"].as_str(), Some("Indexed"));
    let completions = spec["completions"].as_i64().expect("completions");
    let parallelism = spec["parallelism"].as_i64().expect("parallelism");
    assert!(parallelism >= 1 && parallelism <= completions);
    assert!(spec["backoffLimitPerIndex"].as_i64().is_some());
    let pod = &spec["template"]["spec"];
    assert_eq!(
        pod["restartPolicy"].as_str(),
        Some("Never"),
        "backoffLimitPerIndex needs Never"
    );
    let containers = pod["containers"].as_vec().expect("containers");
    assert_eq!(containers.len(), 1);
    let container = &containers[0];
    assert!(container["image"].as_str().is_some());
    let args = strings(&container["args"]);
    assert_eq!(args.first().map(String::as_str), Some("scan-repos"));
    assert_eq!(
        after(&args, "--shard"),
        Some(format!("auto/{completions}").as_str())
    );
    assert_eq!(after(&args, "--format"), Some("jsonl"));
    assert_eq!(
        after(&args, "--exit-code"),
        Some("0"),
        "findings must not fail and retry pods"
    );
    let output = after(&args, "--output").expect("--output");
    assert!(
        output.contains("$(JOB_COMPLETION_INDEX)"),
        "one file per index: {output}"
    );
    // Tokens come from a Secret through the environment, never from args.
    let env = container["env"].as_vec().expect("env");
    for var in ["GITHUB_TOKEN", "GITLAB_TOKEN"] {
        let entry = env
            .iter()
            .find(|e| e["name"].as_str() == Some(var))
            .unwrap_or_else(|| panic!("{var} in env"));
        let reference = &entry["valueFrom"]["secretKeyRef"];
        assert_eq!(reference["key"].as_str(), Some(var));
        assert!(reference["name"].as_str().is_some());
    }
    assert!(!args.iter().any(|a| a.contains("TOKEN")), "{args:?}");
    // The output directory is a volume that outlives the pod.
    let out_dir = Path::new(output)
        .parent()
        .and_then(Path::to_str)
        .expect("a directory");
    let mount = container["volumeMounts"]
        .as_vec()
        .expect("volumeMounts")
        .iter()
        .find(|m| m["mountPath"].as_str() == Some(out_dir))
        .expect("the output directory is mounted");
    let volume = pod["volumes"]
        .as_vec()
        .expect("volumes")
        .iter()
        .find(|v| v["name"] == mount["name"])
        .expect("the mounted volume is declared");
    let claim = volume["persistentVolumeClaim"]["claimName"]
        .as_str()
        .expect("a PVC, not an emptyDir");
    assert!(
        docs.iter()
            .any(|d| d["kind"].as_str() == Some("PersistentVolumeClaim")
                && d["metadata"]["name"].as_str() == Some(claim)),
        "the claim {claim} is defined"
    );

    let merge_docs = documents("deploy/kubernetes/merge-job.yaml");
    let merge = job(&merge_docs, "leakhound-org-audit-merge");
    assert_eq!(merge["apiVersion"].as_str(), Some("batch/v1"));
    let merge_pod = &merge["spec"]["template"]["spec"];
    assert_eq!(merge_pod["restartPolicy"].as_str(), Some("Never"));
    let merge_args = strings(&merge_pod["containers"][0]["args"]);
    assert_eq!(merge_args.first().map(String::as_str), Some("merge"));
    let expected: Vec<String> = (0..completions)
        .map(|i| format!("{out_dir}/shard-{i}.jsonl"))
        .collect();
    let reports: Vec<String> = merge_args
        .iter()
        .filter(|a| a.ends_with(".jsonl"))
        .cloned()
        .collect();
    assert_eq!(reports, expected, "the merge reads every shard");
    assert_eq!(
        merge_pod["volumes"][0]["persistentVolumeClaim"]["claimName"].as_str(),
        Some(claim)
    );
}

#[test]
fn the_workflow_matrix_covers_every_shard() {
    let docs = documents("deploy/github-actions/org-audit.yml");
    let workflow = &docs[0];
    let jobs = &workflow["jobs"];
    let scan = &jobs["scan"];
    let shards: Vec<i64> = scan["strategy"]["matrix"]["shard"]
        .as_vec()
        .expect("matrix.shard")
        .iter()
        .map(|v| v.as_i64().expect("an index"))
        .collect();
    let count = shards.len() as i64;
    assert_eq!(shards, (0..count).collect::<Vec<_>>(), "indexes 0..N-1");
    assert_eq!(scan["strategy"]["fail-fast"].as_bool(), Some(false));
    let steps = scan["steps"].as_vec().expect("steps");
    let run = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .find(|r| r.contains("scan-repos"))
        .expect("a scan-repos step");
    assert!(
        run.contains(&format!("--shard ${{{{ matrix.shard }}}}/{count}")),
        "{run}"
    );
    assert!(run.contains("--output shard-${{ matrix.shard }}.jsonl"), "{run}");
    assert!(run.contains("--exit-code 0"), "{run}");
    let scan_step = steps
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains("scan-repos")))
        .expect("scan step");
    assert!(
        scan_step["env"]["GITHUB_TOKEN"]
            .as_str()
            .is_some_and(|v| v.contains("secrets."))
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-artifact"))
        })
        .expect("each shard uploads its report");
    assert_eq!(
        upload["with"]["path"].as_str(),
        Some("shard-${{ matrix.shard }}.jsonl")
    );
    assert_eq!(upload["if"].as_str(), Some("always()"));

    let merge = &jobs["merge"];
    assert_eq!(merge["needs"].as_str(), Some("scan"));
    assert_eq!(merge["if"].as_str(), Some("always()"));
    let merge_steps = merge["steps"].as_vec().expect("steps");
    assert!(
        merge_steps
            .iter()
            .any(|s| s["with"]["pattern"].as_str() == Some("shard-*"))
    );
    assert!(
        merge_steps
            .iter()
            .filter_map(|s| s["run"].as_str())
            .any(|r| r.contains("leakhound merge shards/*.jsonl"))
    );
}
