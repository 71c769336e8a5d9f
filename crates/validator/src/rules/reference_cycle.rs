use rustc_hash::FxHashMap;

use treatywatch_loader::{Diagnostic, Severity};

use super::Rule;
use super::references::Expected;
use crate::facts::AllFacts;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::ReferenceCycle,
    severity: Severity::Error,
    summary: "`responds_to` that loops back (itself included)",
    docs: r#"## What it checks
That following `responds_to` from claim to claim never leads back to where it started,
including a claim that responds to itself.

## Why it matters
A response comes after what it answers. A loop means a link points the wrong way, and the
briefing could not order the exchange.

## Example
```yaml
- id: nato-2018-12-04-inf
  responds_to: [lavrov-2019-02-02-inf]
- id: lavrov-2019-02-02-inf
  responds_to: [nato-2018-12-04-inf]
```

## Fix
Keep the link on the later claim only: it responds to the earlier one.
"#,
    check: super::nothing_per_batch,
    check_files: None,
    check_facts: Some(check_facts),
};

/// Runs at the end: a loop can run through claims of any batches.
fn check_facts(all: &AllFacts, out: &mut Vec<Diagnostic>) {
    // Graph of claims by position; edges follow responds_to to typed claims. (Only claims
    // have responds_to, and a claim that is not typed is on no loop, as no edge leads to
    // it.) A claim that answers none cannot be on a loop either, so only claims that answer
    // one are nodes.
    let claims: Vec<(usize, Vec<(usize, usize)>)> = all
        .records
        .iter()
        .enumerate()
        .filter_map(|(position, (_, facts))| {
            let edges: Vec<(usize, usize)> = facts
                .pending
                .iter()
                .enumerate()
                .filter(|(_, r)| r.expected == Expected::Claim)
                .filter_map(|(i, r)| {
                    let target = all.named(&r.id)?;
                    all.records[target].1.typed.then_some((i, target))
                })
                .collect();
            (!edges.is_empty()).then_some((position, edges))
        })
        .collect();
    let position: FxHashMap<usize, usize> = claims
        .iter()
        .enumerate()
        .map(|(p, (i, _))| (*i, p))
        .collect();
    let component = strongly_connected(&claims, &position);
    for (p, (index, edges)) in claims.iter().enumerate() {
        let facts = all.records[*index].1;
        for &(i, target) in edges {
            let self_loop = target == *index;
            let in_loop = position
                .get(&target)
                .is_some_and(|&q| component[p] == component[q]);
            if self_loop || in_loop {
                let id = all.records[target].1.id.as_deref().unwrap_or("?");
                let reference = &facts.pending[i];
                out.push(all.report(
                    &RULE,
                    *index,
                    &reference.pointer,
                    reference.span,
                    if self_loop {
                        "this claim responds to itself".to_string()
                    } else {
                        format!(
                            "responding to `{id}` closes a loop: `{id}` leads back to this claim"
                        )
                    },
                ));
            }
        }
    }
}

fn strongly_connected(
    nodes: &[(usize, Vec<(usize, usize)>)],
    position: &FxHashMap<usize, usize>,
) -> Vec<usize> {
    let n = nodes.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == usize::MAX {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            let targets = &nodes[v].1;
            if *edge < targets.len() {
                let target = targets[*edge].1;
                *edge += 1;
                let Some(&w) = position.get(&target) else {
                    continue;
                };
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        component[w] = next_component;
                        if w == v {
                            break;
                        }
                    }
                    next_component += 1;
                }
            }
        }
    }
    component
}
