//! How much of the bare parse is RcDom: html5ever into `markup5ever_rcdom::RcDom` against
//! html5ever into a minimal arena tree (nodes in one `Vec`, linked by index, no `Rc` or
//! `RefCell` per node), on the same body HTML. A measurement for a design decision (see
//! BENCHMARKS.md), not code the library uses.
//!
//! `cargo bench --bench sink` prints, for the samples and (when present) the bulk corpus, the
//! minimum time per pass of each over several alternating passes, their ratio, and checks that
//! both trees hold the same text.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, Namespace, QualName};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// The repository root. The benches are targets of the `xtests` crate (`xtests/Cargo.toml`),
/// which keeps their dependencies out of the library's build; its directory is one level down.
fn repo_root() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    dir.parent().unwrap_or(dir).to_owned()
}

const NONE: usize = usize::MAX;

enum Data {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        template: usize,
        mathml_point: bool,
    },
    Text(StrTendril),
    Other,
}

struct Node {
    parent: usize,
    first: usize,
    last: usize,
    prev: usize,
    next: usize,
    data: Data,
}

/// The arena: node 0 is the document.
struct Arena {
    nodes: RefCell<Vec<Node>>,
    quirks: Cell<QuirksMode>,
}

#[derive(Debug)]
struct Name {
    ns: Namespace,
    local: LocalName,
}

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.local
    }
}

impl Arena {
    fn new() -> Arena {
        let arena = Arena {
            nodes: RefCell::new(Vec::with_capacity(256)),
            quirks: Cell::new(QuirksMode::NoQuirks),
        };
        arena.add(Data::Document);
        arena
    }

    fn add(&self, data: Data) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node {
            parent: NONE,
            first: NONE,
            last: NONE,
            prev: NONE,
            next: NONE,
            data,
        });
        nodes.len() - 1
    }

    fn unlink(nodes: &mut [Node], child: usize) {
        let (parent, prev, next) = {
            let n = &nodes[child];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev].next = next;
        } else {
            nodes[parent].first = next;
        }
        if next != NONE {
            nodes[next].prev = prev;
        } else {
            nodes[parent].last = prev;
        }
        let n = &mut nodes[child];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    /// Links `child` under `parent`, before `before` (or last when `before` is `NONE`).
    fn link(nodes: &mut [Node], parent: usize, child: usize, before: usize) {
        Arena::unlink(nodes, child);
        let prev = if before == NONE {
            nodes[parent].last
        } else {
            nodes[before].prev
        };
        {
            let n = &mut nodes[child];
            n.parent = parent;
            n.prev = prev;
            n.next = before;
        }
        if prev != NONE {
            nodes[prev].next = child;
        } else {
            nodes[parent].first = child;
        }
        if before != NONE {
            nodes[before].prev = child;
        } else {
            nodes[parent].last = child;
        }
    }

    fn insert(&self, parent: usize, before: usize, child: NodeOrText<usize>) {
        match child {
            NodeOrText::AppendNode(c) => Arena::link(&mut self.nodes.borrow_mut(), parent, c, before),
            NodeOrText::AppendText(text) => {
                {
                    // Adjacent text merges into one node, as in RcDom.
                    let mut nodes = self.nodes.borrow_mut();
                    let prev = if before == NONE {
                        nodes[parent].last
                    } else {
                        nodes[before].prev
                    };
                    if prev != NONE {
                        if let Data::Text(t) = &mut nodes[prev].data {
                            t.push_tendril(&text);
                            return;
                        }
                    }
                }
                let c = self.add(Data::Text(text));
                Arena::link(&mut self.nodes.borrow_mut(), parent, c, before);
            }
        }
    }

    fn text_len(&self) -> usize {
        self.nodes
            .borrow()
            .iter()
            .map(|n| match &n.data {
                Data::Text(t) => t.len(),
                _ => 0,
            })
            .sum()
    }
}

impl TreeSink for Arena {
    type Output = Self;
    type Handle = usize;
    type ElemName<'a> = Name;

    fn finish(self) -> Self {
        self
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> usize {
        0
    }
    fn elem_name<'a>(&'a self, target: &'a usize) -> Name {
        match &self.nodes.borrow()[*target].data {
            Data::Element { name, .. } => Name {
                ns: name.ns.clone(),
                local: name.local.clone(),
            },
            _ => panic!("not an element"),
        }
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        let template = if flags.template {
            self.add(Data::Document)
        } else {
            NONE
        };
        self.add(Data::Element {
            name,
            attrs,
            template,
            mathml_point: flags.mathml_annotation_xml_integration_point,
        })
    }
    fn create_comment(&self, _text: StrTendril) -> usize {
        self.add(Data::Other)
    }
    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.add(Data::Other)
    }
    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.insert(*parent, NONE, child);
    }
    fn append_before_sibling(&self, sibling: &usize, child: NodeOrText<usize>) {
        let parent = self.nodes.borrow()[*sibling].parent;
        if parent != NONE {
            self.insert(parent, *sibling, child);
        }
    }
    fn append_based_on_parent_node(&self, element: &usize, prev: &usize, child: NodeOrText<usize>) {
        let attached = self.nodes.borrow()[*element].parent != NONE;
        if attached {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev, child);
        }
    }
    fn append_doctype_to_document(&self, _name: StrTendril, _public: StrTendril, _system: StrTendril) {}
    fn get_template_contents(&self, target: &usize) -> usize {
        match &self.nodes.borrow()[*target].data {
            Data::Element { template, .. } => *template,
            _ => panic!("not a template"),
        }
    }
    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.quirks.set(mode);
    }
    fn add_attrs_if_missing(&self, target: &usize, add: Vec<Attribute>) {
        if let Data::Element { attrs, .. } = &mut self.nodes.borrow_mut()[*target].data {
            for a in add {
                if !attrs.iter().any(|x| x.name == a.name) {
                    attrs.push(a);
                }
            }
        }
    }
    fn remove_from_parent(&self, target: &usize) {
        Arena::unlink(&mut self.nodes.borrow_mut(), *target);
    }
    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut nodes = self.nodes.borrow_mut();
        loop {
            let child = nodes[*node].first;
            if child == NONE {
                break;
            }
            Arena::link(&mut nodes, *new_parent, child, NONE);
        }
    }
    fn is_mathml_annotation_xml_integration_point(&self, target: &usize) -> bool {
        matches!(
            self.nodes.borrow()[*target].data,
            Data::Element {
                mathml_point: true,
                ..
            }
        )
    }
}

fn context() -> QualName {
    QualName::new(None, html5ever::ns!(html), html5ever::local_name!("body"))
}

fn rcdom(body: &str) -> RcDom {
    html5ever::parse_fragment(RcDom::default(), Default::default(), context(), Vec::new(), false).one(body)
}

fn arena(body: &str) -> Arena {
    html5ever::parse_fragment(Arena::new(), Default::default(), context(), Vec::new(), false).one(body)
}

fn rc_text_len(root: &Handle) -> usize {
    let mut total = 0;
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Text { contents } = &node.data {
            total += contents.borrow().len();
        }
        stack.extend(node.children.borrow().iter().cloned());
    }
    total
}

/// Body HTML of every blob file under `dir` (recursively), sorted by path.
fn bodies(dir: &Path) -> Vec<String> {
    let mut stack = vec![dir.to_path_buf()];
    let mut paths: Vec<PathBuf> = Vec::new();
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !matches!(
                p.file_name().and_then(|n| n.to_str()),
                Some("SOURCES.md" | "MANIFEST.tsv" | "README.md")
            ) {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|t| feedmirror::Blob::parse(&t).ok().map(|b| b.body.to_owned()))
        .collect()
}

fn compare(label: &str, bodies: &[String], passes: usize) {
    let rc_text: usize = bodies.iter().map(|b| rc_text_len(&rcdom(b).document)).sum();
    let arena_text: usize = bodies.iter().map(|b| arena(b).text_len()).sum();
    assert_eq!(rc_text, arena_text, "{label}: the two trees hold different text");
    let (mut best_rc, mut best_arena) = (f64::MAX, f64::MAX);
    for _ in 0..passes {
        let t = Instant::now();
        for b in bodies {
            black_box(rcdom(b));
        }
        best_rc = best_rc.min(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        for b in bodies {
            black_box(arena(b));
        }
        best_arena = best_arena.min(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "{label}: {} bodies, {rc_text} bytes of text in both trees; minimum of {passes} passes: \
         RcDom {best_rc:.2} ms, arena {best_arena:.2} ms, arena/RcDom {:.2}",
        bodies.len(),
        best_arena / best_rc
    );
}

fn main() {
    // `cargo test --benches` runs this with `--test`: a quick check, no timing.
    let quick = std::env::args().any(|a| a == "--test");
    let crate_dir = repo_root();
    let samples = bodies(&crate_dir.join("examples/samples"));
    // Repeated so that one pass takes long enough to time.
    let repeated: Vec<String> = samples.iter().cycle().take(samples.len() * 50).cloned().collect();
    compare("samples ×50", &repeated, if quick { 1 } else { 15 });
    let corpus = std::env::var_os("FEEDMIRROR_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir.join("../shared/corpus"))
        .join("bulk");
    if quick {
        return;
    }
    if corpus.is_dir() {
        compare("bulk corpus", &bodies(&corpus), 10);
    } else {
        println!(
            "bulk corpus: SKIPPED, not found at {} (set FEEDMIRROR_CORPUS)",
            corpus.display()
        );
    }
}
