import datetime as dt

from citetrack.models import CheckResult, FlagKind, LinkStatus as S, Severity
from citetrack.rules.links import DeadPolicy, LinkState, advance, link_flags, should_sync_flags

URL = "https://news.example.org/story"
T0 = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
POLICY = DeadPolicy(dead_after=3, spacing=dt.timedelta(days=3))


def result(status, at, **kwargs):
    defaults = {"http_status": 404 if status == S.DEAD else 200, "reason": "not-found" if status == S.DEAD else None}
    defaults.update(kwargs)
    return CheckResult(url=URL, status=status, checked_at=at, **defaults)


def run(statuses_and_days, policy=POLICY, state=LinkState()):
    transitions = []
    for status, day in statuses_and_days:
        transition = advance(state, result(status, T0 + dt.timedelta(days=day)), policy)
        transitions.append(transition)
        state = transition.state
    return transitions


def test_three_spaced_failures_confirm_dead():
    steps = run([(S.DEAD, 0), (S.DEAD, 3), (S.DEAD, 6)])
    assert [t.state.fail_count for t in steps] == [1, 2, 3]
    assert [t.became_dead for t in steps] == [False, False, True]
    assert steps[-1].state.confirmed_dead_at == T0 + dt.timedelta(days=6)


def test_failures_closer_than_the_spacing_count_once():
    steps = run([(S.DEAD, 0), (S.DEAD, 1), (S.DEAD, 2), (S.DEAD, 2.9)])
    assert steps[-1].state.fail_count == 1 and not steps[-1].state.dead
    assert [t.counted for t in steps] == [True, False, False, False]


def test_a_success_resets_the_count():
    steps = run([(S.DEAD, 0), (S.ERROR, 3), (S.OK, 4), (S.DEAD, 5)])
    assert steps[2].state == LinkState()
    assert steps[-1].state.fail_count == 1


def test_dead_after_one_confirms_at_once():
    (step,) = run([(S.DEAD, 0)], DeadPolicy(dead_after=1))
    assert step.became_dead and step.state.fail_reason == "not-found"


def test_blocked_never_counts_nor_resets():
    steps = run([(S.DEAD, 0), (S.BLOCKED, 3)])
    assert steps[1].state == steps[0].state


def test_refused_by_our_policy_is_neutral():
    state = run([(S.DEAD, 0)])[0].state
    refused = result(S.ERROR, T0 + dt.timedelta(days=5), reason="private-address", http_status=None)
    assert advance(state, refused, POLICY).state == state
    assert not should_sync_flags(refused, state)


def test_revival_after_confirmation():
    steps = run([(S.DEAD, 0), (S.OK, 1)], DeadPolicy(dead_after=1))
    assert steps[1].revived and steps[1].state == LinkState()


def test_failure_facts_are_frozen_once_dead():
    steps = run([(S.DEAD, 0)], DeadPolicy(dead_after=1))
    later = advance(steps[0].state, result(S.ERROR, T0 + dt.timedelta(days=4), reason="timeout", http_status=None), POLICY)
    assert later.state.fail_reason == "not-found"


def test_flags_for_a_dead_link():
    state = run([(S.DEAD, 0)], DeadPolicy(dead_after=1))[0].state
    flags = link_flags(URL, state, result(S.DEAD, T0))
    assert [(f.kind, f.severity) for f in flags] == [(FlagKind.DEAD_LINK, Severity.ERROR)]
    assert flags[0].evidence["reason"] == "not-found" and flags[0].subject == URL


def test_flags_for_soft_404():
    soft = result(S.SOFT_404, T0, http_status=200, reason="error-title")
    state = advance(LinkState(), soft, DeadPolicy(dead_after=1)).state
    assert [f.kind for f in link_flags(URL, state, soft)] == [FlagKind.SOFT_404]


def test_unconfirmed_failure_raises_no_flag_and_keeps_existing_ones():
    first = result(S.DEAD, T0)
    state = advance(LinkState(), first, POLICY).state
    assert link_flags(URL, state, first) == []
    assert not should_sync_flags(first, state)


def test_moved_only_for_a_permanent_redirect_to_another_page():
    moved = result(S.REDIRECTED, T0, final_url="https://news.example.org/new-story", permanent_redirect=True)
    (flag,) = link_flags(URL, LinkState(), moved)
    assert flag.kind == FlagKind.MOVED and flag.evidence == {"final_url": "https://news.example.org/new-story"}
    temporary = result(S.REDIRECTED, T0, final_url="https://news.example.org/new-story", permanent_redirect=False)
    assert link_flags(URL, LinkState(), temporary) == []
    https = result(S.REDIRECTED, T0, final_url="https://www.news.example.org/story/", permanent_redirect=True)
    assert link_flags(URL, LinkState(), https) == []


def test_blocked_flag_is_info():
    blocked = result(S.BLOCKED, T0, http_status=403, reason="forbidden")
    (flag,) = link_flags(URL, LinkState(), blocked)
    assert (flag.kind, flag.severity) == (FlagKind.BLOCKED, Severity.INFO)
