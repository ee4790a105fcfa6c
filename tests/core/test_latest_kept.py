"""`core.latest_kept.LatestKept`: what a process keeps of an endless key space, the least
recently used out first past its budget (searches' rankings by their ids, statements by
count, answers by bytes)."""

from array import array

from core.latest_kept import LatestKept


def test_rankings_keep_the_latest_searches_within_their_budget():
    rankings = LatestKept(5, weight=len)
    rankings.keep("a", array("i", [1, 2]))
    rankings.keep("b", array("i", [3, 4]))
    assert list(rankings.get("a")) == [1, 2]  # now the latest used
    rankings.keep("c", array("i", [5, 6]))
    assert rankings.get("b") is None and list(rankings.get("a")) == [1, 2]
    assert list(rankings.keep("d", array("i", range(6)))) == list(range(6))  # answered, not kept
    assert rankings.get("d") is None and rankings.size == 4


def test_the_latest_statements_are_kept_however_many_shapes_a_client_makes_up():
    statements = LatestKept(2)
    statements.keep("a", {})["sql"] = "A"
    statements.keep("b", {})["sql"] = "B"
    assert statements.get("a") == {"sql": "A"}  # now the latest used
    statements.keep("c", {})["sql"] = "C"
    assert list(statements.by_key) == ["a", "c"]
    assert statements.get("b") is None  # compiled again when asked again


def test_a_value_kept_again_replaces_the_old_one_and_its_weight():
    kept = LatestKept(10, weight=len)
    kept.keep("a", "xxxx")
    kept.keep("a", "xx")
    assert (kept.get("a"), kept.size) == ("xx", 2)
    kept.discard("a")
    assert (kept.get("a"), kept.size) == (None, 0)
