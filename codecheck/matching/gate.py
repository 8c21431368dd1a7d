"""Which of a code's hits count as evidence: the gate.

The matcher finds every hit of a requirement's terms, sentence by sentence. A hit counts
only in context, judged over the whole code:

- an element's hit counts only in a provision family (`provision_families`) where the
  requirement's core concept is evidenced too (`_core_families`); a core term shared by
  requirements of other themes goes to the requirements it fits best;
- a facet ("suppliers + @evidence") counts only beside the core evidence of another
  requirement, of a theme its own requirement lacks (`_facets_found`);
- a requirement whose themes another sentence's subject outranks (pay, a speak-up channel,
  a code of conduct naming an assessment) is dropped there (`_outranked_dropped`).

With the learned reader (`--learned-check`), a hit the gate holds back counts where the
reader vouches for its themes.
"""

from __future__ import annotations

from ..model import Evidence, Provision, Strength
from .terms import CORE, CompiledTerms

GATE_SHARED = True  # resolve core terms shared by requirements with other themes
DEFAULT_STRENGTH = Strength.MANDATORY  # a code's plain indicative ("the board approves")


def provision_families(provisions: list[Provision]) -> list[str]:
    """The family of each provision: the provision below a principle that it belongs to.

    A provision's family is itself with its sub-provisions and items (3.1 with 3.1.2 and
    its (a), (b) ...), not its siblings under the same principle: a principle gathers
    unrelated topics (an audit committee and a nomination committee), so an element found
    in one provision must not complete a concept found in another. A principle's own text
    is a family of its own; a parent chain without principles ends at its top ancestor.
    """
    by_id = {p.id: p for p in provisions}
    out = []
    for p in provisions:
        seen = set()
        cur = p
        while cur.parent and cur.parent in by_id and cur.parent not in seen:
            parent = by_id[cur.parent]
            if parent.kind == "principle":
                break
            seen.add(cur.id)
            cur = parent
        out.append(cur.id)
    return out


def _core_families(raw, families: list[str], compiled: CompiledTerms) -> dict[str, set[str]]:
    """For each requirement, the provision families where its core concept counts.

    A core hit counts where one of the requirement's own core terms hits. A term that
    is a core term of several requirements with different themes ("human rights due
    diligence") is ambiguous: where only such terms hit, the requirements sharing the term
    compete, and it counts for those corroborated in the family by one of their elements
    or own terms; when none is, for the most specific ones (fewest themes).
    """
    shared = compiled.shared_core if GATE_SHARED else {}
    own: dict[str, set[str]] = {}
    corroborated: dict[str, set[str]] = {}
    ambiguous: dict[str, dict[str, set[str]]] = {}  # req -> family -> shared terms hit
    for req_id, items in raw.items():
        for index, _, role, terms, _, _, shared_only in items:
            fam = families[index]
            if role != CORE:
                corroborated.setdefault(req_id, set()).add(fam)
            elif shared_only:
                ambiguous.setdefault(req_id, {}).setdefault(fam, set()).update(terms)
            else:
                own.setdefault(req_id, set()).add(fam)
                corroborated.setdefault(req_id, set()).add(fam)
    allowed = {req_id: set(fams) for req_id, fams in own.items()}
    core_fams = {
        req_id: {families[x[0]] for x in items if x[2] == CORE}
        for req_id, items in raw.items()
    }
    for req_id, by_family in ambiguous.items():
        for fam, terms in by_family.items():
            if fam in allowed.get(req_id, ()):
                continue
            for term in sorted(terms):
                rivals = [
                    r for r in shared[term]
                    if r in compiled.requirements and fam in core_fams.get(r, ())
                ]
                backed = [r for r in rivals if fam in corroborated.get(r, ())]
                if backed:
                    winners = backed
                else:
                    fewest = min(len(compiled.requirements[r].themes) for r in rivals)
                    winners = [r for r in rivals if len(compiled.requirements[r].themes) == fewest]
                if req_id in winners:
                    allowed.setdefault(req_id, set()).add(fam)
                    break
    return allowed


# a speak-up line open to "employees, contractors and suppliers" names who may report a
# breach, not business partners as the scope of a due-diligence measure: whistleblowing
# evidence does not make "suppliers + @evidence" count
FACET_NOT_LICENSED_BY = frozenset({"whistleblowing"})
# and "upstream and downstream" beside a climate figure (Scope 3 emissions, removals in
# the value chain) says where emissions are counted, not that business partners fall under
# a due-diligence measure: climate evidence licenses no value-chain facet (it still
# licenses the others, such as a bonus tied to the transition plan)
FACET_NOT_LICENSED_FOR = {"value-chain": frozenset({"climate-transition"})}


def _facets_found(raw, families: list[str], compiled: CompiledTerms) -> dict:
    """`raw` without the hits of "@evidence" terms that have no partner evidence.

    A term such as "suppliers + @evidence" counts in a provision family only where the
    core concept of another requirement, of a theme the term's own requirement does not
    have, has a hit of its core terms ("suppliers" with a grievance channel, a remedy, a
    risk assessment): the business partners are then the scope of that measure. Evidence of
    the themes FACET_NOT_LICENSED_BY, and FACET_NOT_LICENSED_FOR the term's own themes, does
    not count. Hits made only of such terms are dropped elsewhere; the others are kept as
    they are.
    """
    facet_terms = compiled.facet_terms
    facet_reqs = [r for r in compiled.facet_requirements if r in raw]
    if not facet_reqs:
        return raw

    def facet_only(terms) -> bool:
        for t in terms:
            if t not in facet_terms:
                return False
        return True

    waiting = {r: [x for x in raw[r] if facet_only(x[3])] for r in facet_reqs}
    need = {families[x[0]] for items in waiting.values() for x in items}
    if not need:
        return raw
    requirements = compiled.requirements
    themes_in: dict[str, set] = {}  # family -> themes of core evidence made of ordinary terms
    for req_id, items in raw.items():
        req = requirements.get(req_id)
        if req is None:
            continue
        check = req_id in compiled.facet_requirements
        for x in items:
            if x[2] == CORE:
                fam = families[x[0]]
                if fam in need and not (check and facet_only(x[3])):
                    themes_in.setdefault(fam, set()).update(
                        t for t in req.themes if t not in FACET_NOT_LICENSED_BY)
    out = dict(raw)
    for req_id, facet_items in waiting.items():
        if not facet_items:
            continue
        req = requirements.get(req_id)
        own = set(req.themes) if req is not None else set()
        unlicensed = own.union(*(FACET_NOT_LICENSED_FOR.get(t, ()) for t in own))
        kept = [x for x in raw[req_id] if not facet_only(x[3]) or themes_in.get(families[x[0]], own) - unlicensed]
        if kept:
            out[req_id] = kept
        else:
            del out[req_id]
    return out


# a sentence about pay, a speak-up channel or a code of conduct names an assessment only as
# what the bonus counts, what a reporter may raise or what the code covers ("the share of
# suppliers assessed", "managers may not try to identify the reporter"): it asks for no
# impact assessment (in the labelled sets, 12 such hits were false and none right); and a
# sentence about pay names the directors as who is paid, not as overseers ("the bonus of the
# executive directors depends on the transition plan": round 14i, 30 such board-oversight
# themes were false and 5 right on the read sets)
SENTENCE_OUTRANKS = {
    "incentives": frozenset({"impact-assessment", "board-oversight"}),
    "whistleblowing": frozenset({"impact-assessment"}),
    "code-of-conduct": frozenset({"impact-assessment"}),
}


def _outranked_dropped(raw, compiled: CompiledTerms) -> dict:
    """`raw` without the evidence of requirements whose themes are all outranked (by
    SENTENCE_OUTRANKS) by the core evidence of another requirement in the same sentence."""
    requirements = compiled.requirements
    outranked: dict[tuple, set] = {}  # (provision index, sentence span) -> themes outranked there
    for req_id, items in raw.items():
        req = requirements.get(req_id)
        if req is None:
            continue
        themes = set()
        for t in req.themes:
            themes |= SENTENCE_OUTRANKS.get(t, frozenset())
        if not themes:
            continue
        for x in items:
            if x[2] == CORE:
                outranked.setdefault((x[0], x[1]), set()).update(themes)
    if not outranked:
        return raw
    anywhere = set().union(*outranked.values())  # a theme outranked in no sentence keeps its items
    none: frozenset = frozenset()
    out = {}
    for req_id, items in raw.items():
        req = requirements.get(req_id)
        if req is not None and req.themes and anywhere.issuperset(req.themes):
            own = set(req.themes)
            items = [x for x in items if not own <= outranked.get((x[0], x[1]), none)]
            if not items:
                continue
        out[req_id] = items
    return out


def count_evidence(raw, provisions, texts, compiled: CompiledTerms, read: dict | None = None,
          vouched: dict | None = None) -> dict[str, list[Evidence]]:
    """The evidence that counts, from all the hits of one code (`raw`): without outranked
    themes, facets without a partner and elements outside their core concept's families.

    With `read` (provision index -> the themes the learned reader vouches for there, with
    probabilities), a hit held back counts where the reader vouches for each of its themes;
    an element outside its core concept's families then stands for the core concept, and
    only where the reader vouches for the requirement's themes as well."""
    families = provision_families(provisions)
    everything = raw
    raw = _outranked_dropped(raw, compiled)
    raw = _facets_found(raw, families, compiled)
    allowed = _core_families(raw, families, compiled)
    out: dict[str, list[Evidence]] = {}
    for req_id, items in (everything if read else raw).items():
        req = compiled.requirements.get(req_id)
        if req is None:
            continue
        core_families = allowed.get(req_id, set())
        if not core_families and not read:
            continue
        passed = {id(x) for x in raw.get(req_id, ()) if families[x[0]] in core_families} if read else None
        themes_of = {e.id: (e.theme,) for e in req.elements}
        order = {e.id: i for i, e in enumerate(req.elements)}
        core_themes = tuple(req.themes)
        evidence = []
        for x in items:
            index, span, role, terms, sentence, first, _ = x
            if role != CORE and role not in order:
                continue
            themes = core_themes if role == CORE else themes_of[role]
            chance = None
            if passed is None:
                if families[index] not in core_families:
                    continue
            elif id(x) not in passed:
                vouch = read.get(index)
                if not vouch or not themes or any(t not in vouch for t in themes):
                    continue
                if role != CORE and families[index] not in core_families:
                    if not core_themes or any(t not in vouch for t in core_themes):
                        continue
                    role, themes = CORE, core_themes  # the element's terms stand for the core concept
                chance = min(vouch[t] for t in themes)
            e = Evidence(
                provision=provisions[index].id,
                text=texts[index][span[0] : span[1]],
                span=span,
                terms=terms,
                element=None if role == CORE else role,
                themes=themes,
                strength=sentence.strength_at(first) or DEFAULT_STRENGTH,
                addressee=sentence.addressee,
            )
            evidence.append((index, span, -1 if role == CORE else order[role], e))
            if chance is not None and vouched is not None:
                vouched.setdefault(req_id, []).append((e, chance))
        if evidence:
            evidence.sort(key=lambda t: (t[0], t[1], t[2]))
            out[req_id] = [e for *_, e in evidence]
    return out
