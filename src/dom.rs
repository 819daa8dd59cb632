//! The only module that touches html5ever and markup5ever_rcdom: parsing the body HTML with
//! limits, and an iterative walk over the result.
//!
//! Nothing here recurses over the tree: real inputs nest deeply, and a recursive walk
//! overflows small thread stacks long before the tree builder gives up.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, ParseOpts, QualName, local_name, ns};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// How far parsing got before a limit stopped it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cut {
    /// The nesting depth passed the limit at about this byte offset of the HTML.
    Depth { offset: usize },
    /// The number of elements passed the limit at about this byte offset of the HTML.
    Nodes { offset: usize },
}

/// A parsed body.
pub(crate) struct Tree {
    dom: RcDom,
    /// Set when a limit stopped the parse early.
    pub(crate) cut: Option<Cut>,
    max_depth: usize,
}

/// Bytes fed to the tokenizer between limit checks. Small enough that a chunk of deep markup
/// cannot reach the tree builder's quadratic regime, large enough to cost nothing on real input.
const CHUNK: usize = 4096;

/// Parses `html` as the content of a `<body>`, stopping early when the depth or node limits
/// are passed (so that adversarial nesting costs time linear in the input).
pub(crate) fn parse(html: &str, max_depth: usize, max_nodes: usize) -> Tree {
    let sink = LimitedSink {
        dom: RcDom::default(),
        max_depth,
        max_nodes,
        nodes: Cell::new(0),
        too_deep: Cell::new(false),
        last: RefCell::new(None),
    };
    let context = QualName::new(None, ns!(html), local_name!("body"));
    let mut parser = html5ever::parse_fragment(sink, ParseOpts::default(), context, Vec::new(), false);
    let mut cut = None;
    let mut pos = 0;
    while pos < html.len() {
        let mut end = (pos + CHUNK).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(html.get(pos..end).unwrap_or("")));
        pos = end;
        let sink = &parser.tokenizer.sink.sink;
        if sink.too_deep.get() {
            cut = Some(Cut::Depth { offset: pos });
            break;
        }
        if sink.nodes.get() > max_nodes {
            cut = Some(Cut::Nodes { offset: pos });
            break;
        }
    }
    let sink = parser.finish();
    Tree {
        dom: sink.dom,
        cut,
        max_depth,
    }
}

/// Entries the walk's stack ([`Tree::walk`]) has room for from the start: the nesting of most
/// pages. Each entry is a node, its remaining children and a flag; the room stays under a
/// kilobyte (a unit test checks it), which the allocator serves from its cache of small chunks.
const WALK_STACK_RESERVED: usize = 16;

/// The attributes the walk reads on every element ([`Element::common`]).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Common<'a> {
    pub(crate) class: Option<&'a str>,
    pub(crate) aria_hidden: Option<&'a str>,
    /// Microdata: `itemprop="byline"`, `itemtype="https://schema.org/Dateline"`.
    pub(crate) itemprop: Option<&'a str>,
    pub(crate) itemtype: Option<&'a str>,
}

/// An element seen during the walk. Attribute lookups are by local name.
pub(crate) struct Element<'a> {
    name: &'a str,
    attrs: &'a [Attribute],
}

impl<'a> Element<'a> {
    /// The element's local name, lowercase (`p`, `img`, `svg`).
    pub(crate) fn name(&self) -> &'a str {
        self.name
    }

    /// Every attribute: (name, value), in document order.
    pub(crate) fn attrs(&self) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.attrs.iter().map(|a| (&*a.name.local, &*a.value))
    }

    /// The attributes read on every element, in one pass that compares interned names.
    pub(crate) fn common(&self) -> Common<'a> {
        let mut common = Common::default();
        for a in self.attrs {
            let slot = match a.name.local {
                local_name!("class") => &mut common.class,
                local_name!("aria-hidden") => &mut common.aria_hidden,
                local_name!("itemprop") => &mut common.itemprop,
                local_name!("itemtype") => &mut common.itemtype,
                _ => continue,
            };
            *slot = Some(&*a.value);
        }
        common
    }

    /// The value of attribute `name`, if present.
    pub(crate) fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    }
}

/// What the walk reports, in document order.
pub(crate) trait Visitor {
    /// An element opens; return `false` to skip its subtree (no `end` call follows then).
    fn start(&mut self, element: &Element<'_>) -> bool;
    /// The element opened by the matching `start` closes.
    fn end(&mut self, name: &str);
    /// A text node.
    fn text(&mut self, text: &str);
}

impl Tree {
    /// Walks the tree in document order with an explicit stack, consuming it: each node is
    /// freed as soon as the walk is past it, so the tree and what the visitor builds from it are
    /// never both whole in memory. Elements deeper than the depth limit are skipped (they can
    /// only exist when the parse was cut).
    pub(crate) fn walk(self, visitor: &mut impl Visitor) {
        // The fragment parser puts the content under a synthetic <html> element.
        let root = std::mem::take(&mut *self.dom.document.children.borrow_mut())
            .into_iter()
            .next();
        let Some(root) = root else { return };
        // Each entry: the element whose children are being visited, its remaining children
        // (taken out of the node, so that each is dropped once visited), and whether to report
        // its end.
        let children = std::mem::take(&mut *root.children.borrow_mut());
        let mut stack: Vec<(Handle, std::vec::IntoIter<Handle>, bool)> =
            Vec::with_capacity(WALK_STACK_RESERVED);
        stack.push((root, children.into_iter(), false));
        while let Some(top) = stack.last_mut() {
            let Some(node) = top.1.next() else {
                if let Some((done, _, report)) = stack.pop() {
                    if report {
                        if let NodeData::Element { name, .. } = &done.data {
                            visitor.end(&name.local);
                        }
                    }
                }
                continue;
            };
            match &node.data {
                NodeData::Text { contents } => visitor.text(&contents.borrow()),
                NodeData::Element {
                    name,
                    attrs,
                    template_contents,
                    ..
                } => {
                    if stack.len() > self.max_depth || template_contents.borrow().is_some() {
                        continue;
                    }
                    let descend = {
                        let attrs = attrs.borrow();
                        visitor.start(&Element {
                            name: &name.local,
                            attrs: &attrs,
                        })
                    };
                    if descend {
                        let children = std::mem::take(&mut *node.children.borrow_mut());
                        stack.push((node, children.into_iter(), true));
                    }
                }
                _ => {}
            }
        }
    }
}

/// RcDom with depth and node counting. Depth is measured from the inserted node's parent chain,
/// bounded by the limit, so a check costs at most `max_depth` steps.
struct LimitedSink {
    dom: RcDom,
    max_depth: usize,
    max_nodes: usize,
    nodes: Cell<usize>,
    too_deep: Cell<bool>,
    /// The last element inserted and its depth: most insertions go into it or its parent, so
    /// the parent chain need not be walked.
    last: RefCell<Option<(Handle, usize, Handle, usize)>>,
}

impl LimitedSink {
    fn check_depth(&self, parent: &Handle, child: &Handle) {
        if self.too_deep.get() {
            return;
        }
        let known = self.last.borrow().as_ref().and_then(|(p, pd, c, cd)| {
            if Rc::ptr_eq(p, parent) {
                Some(*pd)
            } else if Rc::ptr_eq(c, parent) {
                Some(*cd)
            } else {
                None
            }
        });
        let depth = known.unwrap_or_else(|| self.depth_of(parent));
        if depth + 1 > self.max_depth {
            self.too_deep.set(true);
        }
        *self.last.borrow_mut() = Some((Rc::clone(parent), depth, Rc::clone(child), depth + 1));
    }

    /// The depth of `node` (1 for a root), counting at most `max_depth + 1` levels.
    fn depth_of(&self, node: &Handle) -> usize {
        let mut depth = 1;
        let mut node = Rc::clone(node);
        loop {
            let up = node.parent.take();
            let next = up.as_ref().and_then(std::rc::Weak::upgrade);
            node.parent.set(up);
            match next {
                Some(p) if depth <= self.max_depth => {
                    depth += 1;
                    node = p;
                }
                _ => return depth,
            }
        }
    }

    fn on_insert(&self, parent: &Handle, child: &NodeOrText<Handle>) {
        if let NodeOrText::AppendNode(node) = child {
            if matches!(node.data, NodeData::Element { .. }) {
                self.nodes.set(self.nodes.get().saturating_add(1));
                if self.nodes.get() <= self.max_nodes {
                    self.check_depth(parent, node);
                }
            }
        }
    }
}

impl TreeSink for LimitedSink {
    type Handle = Handle;
    type Output = Self;
    type ElemName<'a> = <RcDom as TreeSink>::ElemName<'a>;

    fn finish(self) -> Self {
        self
    }
    // Parse errors are not reported to users: the HTML of real feeds is full of them.
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> Handle {
        self.dom.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a Handle) -> Self::ElemName<'a> {
        self.dom.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.dom.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> Handle {
        self.dom.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.dom.create_pi(target, data)
    }
    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.on_insert(parent, &child);
        self.dom.append(parent, child);
    }
    fn append_based_on_parent_node(&self, element: &Handle, prev: &Handle, child: NodeOrText<Handle>) {
        self.on_insert(prev, &child);
        self.dom.append_based_on_parent_node(element, prev, child);
    }
    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.dom.append_doctype_to_document(name, public_id, system_id);
    }
    fn mark_script_already_started(&self, node: &Handle) {
        self.dom.mark_script_already_started(node);
    }
    fn pop(&self, node: &Handle) {
        self.dom.pop(node);
    }
    fn get_template_contents(&self, target: &Handle) -> Handle {
        self.dom.get_template_contents(target)
    }
    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.dom.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.dom.set_quirks_mode(mode);
    }
    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.on_insert(sibling, &new_node);
        self.dom.append_before_sibling(sibling, new_node);
    }
    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.dom.add_attrs_if_missing(target, attrs);
    }
    fn associate_with_form(&self, target: &Handle, form: &Handle, nodes: (&Handle, Option<&Handle>)) {
        self.dom.associate_with_form(target, form, nodes);
    }
    fn remove_from_parent(&self, target: &Handle) {
        self.dom.remove_from_parent(target);
    }
    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.dom.reparent_children(node, new_parent);
    }
    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.dom.is_mathml_annotation_xml_integration_point(handle)
    }
    fn set_current_line(&self, line_number: u64) {
        self.dom.set_current_line(line_number);
    }
    fn allow_declarative_shadow_roots(&self, intended_parent: &Handle) -> bool {
        self.dom.allow_declarative_shadow_roots(intended_parent)
    }
    fn attach_declarative_shadow(&self, location: &Handle, template: &Handle, attrs: &[Attribute]) -> bool {
        self.dom.attach_declarative_shadow(location, template, attrs)
    }
    fn maybe_clone_an_option_into_selectedcontent(&self, option: &Handle) {
        self.dom.maybe_clone_an_option_into_selectedcontent(option);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Collect(Vec<String>);
    impl Visitor for Collect {
        fn start(&mut self, e: &Element<'_>) -> bool {
            self.0.push(format!(
                "<{}{}>",
                e.name(),
                e.attr("id").map(|i| format!("#{i}")).unwrap_or_default()
            ));
            e.name() != "script"
        }
        fn end(&mut self, name: &str) {
            self.0.push(format!("</{name}>"));
        }
        fn text(&mut self, t: &str) {
            self.0.push(t.to_owned());
        }
    }

    #[test]
    fn walks_in_document_order_and_skips_on_request() {
        let tree = parse("<p id=a>x<b>y</b></p><script>s</script>z", 512, 1000);
        assert!(tree.cut.is_none());
        let mut c = Collect(Vec::new());
        tree.walk(&mut c);
        assert_eq!(
            c.0,
            vec!["<p#a>", "x", "<b>", "y", "</b>", "</p>", "<script>", "z"]
        );
    }

    #[test]
    fn the_walk_stack_room_stays_under_a_kilobyte() {
        let entry = std::mem::size_of::<(Handle, std::vec::IntoIter<Handle>, bool)>();
        assert!(WALK_STACK_RESERVED * entry < 1024, "{entry}");
    }

    #[test]
    fn deep_nesting_is_cut_at_the_limit() {
        let html = "<div>".repeat(2000);
        let tree = parse(&html, 100, 1_000_000);
        assert!(matches!(tree.cut, Some(Cut::Depth { .. })));
        let mut c = Collect(Vec::new());
        tree.walk(&mut c);
        assert!(c.0.len() <= 2 * 101, "{}", c.0.len());
    }

    #[test]
    fn void_and_self_closing_elements_do_not_nest() {
        let html = "<p>".to_owned() + &"<br><img src=x><svg><path/></svg>".repeat(3000);
        let tree = parse(&html, 20, 1_000_000);
        assert!(tree.cut.is_none());
    }
}
