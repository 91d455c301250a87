"""model: the types that pass between the stages of a check, in pipeline order.

read -> parse (``RawItem``, ``Skipped``, ``Component``; a text's ``Layout`` before items are read,
``ParsedLabel`` after) -> classify and match (``Ingredient`` per item, ``LabelReading`` per label) ->
label rules -> timeline (``Options`` in, ``Verdict`` out) -> check (``ComponentVerdict`` per list of a
kit, ``Report``). Every type is a NamedTuple: immutable, cheap, and built positionally in the
classifier's memo loops (``tuple.__new__``), so a field's position is part of the contract: add
fields at the end, never reorder. The stage modules re-export their types, so ``from .parse import
RawItem`` keeps working; new code imports from here.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple turns a string annotation into a
# ForwardRef, which compiles it, ~90 compiles for these types, about 2 ms of a pasted label's start-up.
# The annotations are real types (datetime is loaded by click already); the two names from modules
# that import this one stay strings.
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # annotations only
    from .parse import _Text
    from .timeline import UserRules

__all__ = ["RawItem", "Skipped", "Component", "ParsedLabel", "Layout", "Ingredient", "LabelReading", "Options",
           "Verdict", "ComponentVerdict", "Report"]


class RawItem(NamedTuple):
    """One ingredient as printed on the label."""

    text: str  # as printed (for a scraper list string: the rejoined label text)
    start: int  # span in the input text: input[start:end]
    end: int
    name: str  # the name with parentheses, percentages and footnote marks taken out
    alts: tuple[str, ...] = ()  # what stood in parentheses: common names, aliases or a sub-list
    sublist: bool = False  # the parentheses held a comma-separated list ("Fragrance (Limonene, Linalool)")
    percent: float | None = None
    may_contain: bool = False
    prose: bool = False  # reads as a sentence or a claim ("fragrance free"), not an ingredient
    part: int = 0  # which component (list) of the text the item belongs to: an index into ``components``
    lines: tuple[str, ...] = ()  # the name's lines when a line break fell inside it (a wrap, or a lost comma)
    prose_kind: str = ""  # for a prose item: "claim", "footnote legend" or "prose"


class Skipped(NamedTuple):
    """A piece of the input that is not read as an ingredient, and why. Nothing is dropped silently:
    every letter or digit of the input is inside an item's span or a skipped region's."""

    text: str  # as printed (whitespace collapsed)
    start: int
    end: int
    reason: str  # heading, directions, warning, disclaimer, footnote legend, product name, claim, ...


class Component(NamedTuple):
    """One ingredient list of the text: a single product has one; a kit or a drug-facts panel
    ("Active Ingredients: ... Inactive Ingredients: ...") has several, each with its own 1% line."""

    name: str  # the product or panel name printed before the list ("Hydra Serum 1 oz", "Step One"), or ""
    start: int  # span of the list in the input
    end: int
    kind: str = "list"  # "list"; "actives" / "inactives" of a drug-facts panel; "preamble": text before the
    # first heading, a list only when its items are ingredient names (decided after matching)


class ParsedLabel(NamedTuple):
    """``parse_label``'s reading of a text: its items, in label order, and everything around them."""

    items: tuple[RawItem, ...]
    warnings: tuple[str, ...] = ()
    prose: tuple[RawItem, ...] = ()  # segments left out of the list because they read as sentences
    heading: bool = False  # an "Ingredients:" style heading was found
    lists: int = 1  # how many ingredient lists the text holds (a kit holds several)
    skipped: tuple[Skipped, ...] = ()  # the text that is not an item, each piece with its reason
    components: tuple[Component, ...] = ()  # the lists, in text order; RawItem.part indexes them


class Layout(NamedTuple):
    """Where a text's lists and items are, before any item is read: the first half of the parse stage.

    ``parse_label`` reads it into ``RawItem``s; ``check_label`` reads the same segments through the
    classifier's memo of finished readings (``Classifier.classify_layout``). Either way an item is
    ``read_segment`` of its segment placed by ``place_segment``, and the may-contain state runs
    through a component's segments in order, starting off at each component."""

    original: str
    src: "_Text"  # the text scanned (scraper lists rejoined, HTML entities unescaped) and the way back
    regions: tuple[tuple[int, tuple[tuple[int, int], ...]], ...]  # (component, item spans in src.text)
    components: tuple[Component, ...]  # spans in the input
    skipped: tuple[Skipped, ...]  # what the layout itself leaves out: headings, stops, markers
    heading: bool
    no_list: RawItem | None = None  # the whole text, as prose, when it holds no list ("No Info")


class Ingredient(NamedTuple):
    """One ingredient of a label, read: what was printed, what it resolved to, and its class and wait.

    Built positionally by the classifier (``tuple.__new__`` over memoised field tails in C loops):
    the field order is part of that contract, never reorder it. Two fields say "where from":

    - ``how`` says where the CLASS came from ("lexicon", "structure.toml rule ...", "position: after the
      1% line", "product type: serum"), or, for a could-be item, "could be <irritant>" (shown as such), or
      ``possible.PLAIN_OIL`` for an unread item shaped like a plant oil;
    - ``wait_from`` says where the WAIT comes from: the same as ``how`` when the classifier set it, but
      "user rules (<key>)" once a practitioner's rule replaced the wait (timeline.decide), and None for
      an item with no wait of its own (the 1% line's pH adjusters). The JSON's ``wait_from`` is this
      field, falling back to ``how`` (report.py)."""

    text: str  # as printed
    start: int
    end: int
    name: str  # the parsed name that was looked up
    inci: str | None
    role: str  # irritant | soothing | neutral | unknown
    category: str | None
    entry: str | None  # lexicon entry or rule id behind the class
    wait_hours: int | None
    deep_wait_hours: int | None
    match: str  # exact | alias | fuzzy | none
    score: float | None
    reason: str | None
    sources: tuple[str, ...]
    how: str | None  # where the class came from: lexicon, a structure rule, the 1% line ...
    may_contain: bool = False
    percent: float | None = None
    wait_from: str | None = None  # where the wait comes from: "lexicon", a rule, or "user rules (...)"


class LabelReading(NamedTuple):
    """What ``Classifier.classify_layout`` reads in a label, before the rules on the whole list (``label_rules``)."""

    ingredients: list[Ingredient]
    items: int  # printed items in the list (prose not included)
    prose: list[RawItem]  # segments that read as sentences, for check.py to read by what they name
    skipped: list[Skipped]  # the layout's skipped regions and the text cut off the items


class Options(NamedTuple):
    """What the user asked for: the treatment date, needle depth, product type and practitioner's rules."""

    treated_on: date | None = None
    depth_mm: float | None = None
    product_type: str | None = None
    rules: tuple["UserRules", ...] = ()


class Verdict(NamedTuple):
    """The timeline's answer for one product (``timeline.decide``): its status and wait, the items
    that set it, and every ingredient as adjusted by depth and the practitioner's rules."""

    status: str  # "wait" | "avoid" | "unreadable" | "no_list"
    safe_after_hours: int | None
    safe_on: date | None
    deciding: tuple[Ingredient, ...]  # the ingredients that set the wait
    ingredients: tuple[Ingredient, ...]
    product_type: str | None
    type_inferred: bool
    baseline_hours: int
    baseline_reason: str
    baseline_sources: tuple[str, ...]
    type_rule: str | None  # reason of a type floor that decided the wait
    warnings: tuple[str, ...]
    unknown: tuple[str, ...]
    at_least_hours: int | None = None  # "unreadable" with irritants found: the wait is at least this
    possible: tuple[Ingredient, ...] = ()  # items counted as the irritant they could be (match "possible")


class ComponentVerdict(NamedTuple):
    """The verdict of one list of a text that holds several (a kit's product, a drug-facts panel)."""

    name: str  # as printed before the list ("Hydra Serum 1 oz", "Step One"), or "list N"
    start: int
    end: int
    status: str
    safe_after_hours: int | None
    deciding: tuple[Ingredient, ...]


class Report(NamedTuple):
    """What ``check_label`` returns: the verdict, the options it was computed under, the prose that was
    not read as items, every skipped region with its reason, and one verdict per list of a kit."""

    verdict: Verdict
    options: Options
    prose: tuple[str, ...]
    skipped: tuple[Skipped, ...] = ()  # every piece of the text that is not an item, with its reason
    components: tuple[ComponentVerdict, ...] = ()  # when the text holds more than one list

    @property
    def ingredients(self) -> tuple[Ingredient, ...]:
        return self.verdict.ingredients

    @property
    def deciding_component(self) -> str | None:
        """The name of the list that sets the product's wait, when the text holds several."""
        v = self.verdict
        if not self.components or v.safe_after_hours is None:
            return None
        return next((c.name for c in self.components if c.deciding and c.safe_after_hours == v.safe_after_hours), None)
