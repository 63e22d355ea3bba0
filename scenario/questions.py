"""What to ask each park: its unknown facts that matter for a scenario, ranked by their value.

For a park manager ("what your silence costs") and an investor ("questions to ask each park"):
from the catalog's value of information (:func:`metrics.uncertain.catalog_value_of_information`,
every unknown or range cell of the field of sites that can still pass) the cells of one park
that a park fact decides, each with the park's rank interval now and once the fact is known at
its favourable and at its unfavourable end, and a message saying so
(``voi_publish`` / ``voi_none``). The must-have facts that leave a park undecided are asked too.
Pure: cache it per scenario (without view options), catalog and price version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from metrics.messages import Message, message
from metrics.uncertain import CatalogCellValue, UncertainEvaluation
from metrics.uncertain.catalog import catalog_value_of_information
from scenario.find import normalization, policy
from scenario.model import Scenario
from sites.schema import FACTS


@dataclass(frozen=True, slots=True)
class Question:
    """One thing to ask a park, and what the answer could do to its rank.

    Attributes
    ----------
    park
        Park id.
    criterion
        Criterion of the cell (``""`` for a must-have fact that only decides pass or fail).
    facts
        The park facts to ask for (sites.schema names), most specific first.
    also
        What else spreads the cell and the park cannot publish (plant figures given as
        ranges, price quantities): the effect assumes these are known too.
    order
        Rank of the cell in the field's value of information (1 = most valuable; 0 for a
        must-have fact outside the ranking).
    now, favourable, unfavourable
        The park's rank interval now, and once the value is known at the favourable or the
        unfavourable end of its range.
    width_reduction, top_change_probability
        The cell's effect on the shortlist (see :class:`metrics.uncertain.CellValue`).
    message
        ``voi_publish`` (the interval can move) or ``voi_none``.
    """

    park: str
    criterion: str
    facts: tuple[str, ...]
    also: tuple[str, ...]
    order: int
    now: tuple[int, int]
    favourable: tuple[int, int]
    unfavourable: tuple[int, int]
    width_reduction: float
    top_change_probability: float
    message: Message

    @property
    def moves(self) -> bool:
        """Whether knowing the fact could change the park's rank interval."""
        return self.favourable != self.now or self.unfavourable != self.now


def field_values(scenario: Scenario, uev: UncertainEvaluation, *, top: int = 3
                 ) -> tuple[CatalogCellValue, ...]:
    """Every unknown or range cell of the field under ``scenario``, most valuable first."""
    return catalog_value_of_information(
        uev, scenario.criterion_weights(), method=scenario.method,
        normalization=normalization(scenario.normalization), unknown=policy(scenario),
        top=top)


def park_questions(values: Sequence[CatalogCellValue], park: str) -> tuple[Question, ...]:
    """The cells of ``park`` that a park fact decides, most valuable first."""
    out: list[Question] = []
    for cell in values:
        facts = tuple(f for f in cell.facts if f in FACTS)
        if cell.park != park or not facts:
            continue
        v = cell.value
        now = (v.best_rank, v.worst_rank)
        good = (v.favourable_best_rank, v.favourable_worst_rank)
        bad = (v.unfavourable_best_rank, v.unfavourable_worst_rank)
        moves = good != now or bad != now
        params: dict[str, str | float] = {
            "fact": facts[0], "now_best": now[0], "now_worst": now[1], "best": good[0],
            "worst": good[1], "bad_best": bad[0], "bad_worst": bad[1]}
        msg = message("voi_publish", **params) if moves else message("voi_none", **params)
        also = tuple(f for f in cell.facts if f not in FACTS)
        out.append(Question(park, cell.criterion, facts, also, v.order, now, good, bad,
                            v.width_reduction, v.top_change_probability, msg))
    return tuple(out)


def asked_facts(questions: Sequence[Question], deciding: Sequence[str] = ()) -> tuple[str, ...]:
    """The facts to ask a park for: its undecided must-haves' facts, then its valuable cells'."""
    return tuple(dict.fromkeys([*(f for f in deciding if f in FACTS),
                                *(f for q in questions if q.moves for f in q.facts),
                                *(f for q in questions for f in q.facts)]))


__all__ = ["Question", "asked_facts", "field_values", "park_questions"]
