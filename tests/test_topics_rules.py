"""The rule language: parsing, errors with file/line/column, matching, spans, score and highlight."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from yuqing.errors import ConfigError, RuleError
from yuqing.text.normalize import normalize
from yuqing.topics import Near, Term, highlight, load_profile, load_profile_text, parse_rule


@dataclass
class Doc:
    title: str = ""
    text: str = ""
    outlet: str = ""
    site: str = ""


def fires(expr: str, **fields: str) -> bool:
    return parse_rule(expr).evaluate(_fields(Doc(**fields)))[0]


def _fields(doc):
    from yuqing.topics.scan import Fields

    return Fields(doc)


# --- parsing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "tree"),
    [
        ("a OR b AND c", "(a OR (b AND c))"),
        ("(a OR b) AND c", "((a OR b) AND c)"),
        ("NOT a AND b", "(NOT a AND b)"),
        ("NOT (a OR b)", "NOT (a OR b)"),
        ("a & b | c", "((a AND b) OR c)"),
        ("a AND NOT b OR c", "((a AND NOT b) OR c)"),
        ("a NEAR/5 b AND c", "((a NEAR/5 b) AND c)"),
        ("a NEAR b", "(a NEAR/20 b)"),
        ("(a OR b) NEAR/3 c", "((a OR b) NEAR/3 c)"),
        ("NOT a NEAR/3 b", "NOT (a NEAR/3 b)"),
    ],
)
def test_precedence(expr: str, tree: str) -> None:
    assert str(parse_rule(expr)) == tree


def test_field_scope_on_term_and_group() -> None:
    assert str(parse_rule("title:招聘")) == "title:招聘"
    assert str(parse_rule("title:(a OR b) AND c")) == "((title:a OR title:b) AND c)"
    assert str(parse_rule("outlet:新华社 AND site:gov.cn")) == "(outlet:新华社 AND site:gov.cn)"


def test_phrases_keep_spaces_and_operators() -> None:
    node = parse_rule('"smart hospital" OR "互联网+医疗健康" OR "A AND B"')
    assert [t.text for t in node.terms()] == ["smart hospital", "互联网+医疗健康", "a and b"]


def test_terms_are_normalised_and_case_folded() -> None:
    term = parse_rule("互联网＋ＰＡＣＳ")
    assert isinstance(term, Term) and term.text == "互联网+pacs"


def test_chinese_input_method_punctuation_is_accepted() -> None:
    assert str(parse_rule("title：（远程医疗 OR 智慧医院）")) == "(title:远程医疗 OR title:智慧医院)"
    assert str(parse_rule("“远程 医疗” AND 医院")) == "(远程医疗 AND 医院)"


def test_near_distance() -> None:
    node = parse_rule("人工智能 NEAR/30 (医疗 OR 医院)")
    assert isinstance(node, Near) and node.distance == 30


@pytest.mark.parametrize(
    ("expr", "column", "says"),
    [
        ("", 1, "empty rule"),
        ("   ", 1, "empty rule"),
        ("远程医疗 医院", 6, "no operator"),
        ("a AND", 6, "ends where a term"),
        ("(a OR b", 1, "missing ')'"),
        ("a OR b)", 7, "unexpected ')'"),
        ('a OR "b', 6, "unterminated phrase"),
        ("headline:x", 1, "unknown field 'headline'"),
        ("title:(body:x)", 8, "inside the scope"),
        ("a NEAR/5 (b AND c)", 10, "each side of NEAR"),
        ("a NEAR b NEAR c", 10, "cannot be chained"),
        ("()", 1, "empty parentheses"),
        ('""', 1, "empty phrase"),
        ("a OR OR b", 6, "found 'OR'"),
        ("@health", 1, "unknown list"),
        ("title:NOT a", 7, "must be followed"),
    ],
)
def test_parse_errors_name_the_column(expr: str, column: int, says: str) -> None:
    with pytest.raises(RuleError) as err:
        parse_rule(expr)
    assert err.value.column == column
    assert says in str(err.value)


# --- profiles from YAML ---------------------------------------------------------------------------

PROFILE = """\
name: 测试
threshold: 2
lists:
  health: [医院, 医疗]
rules:
  remote:
    weight: 2
    expr: 远程医疗 OR 远程会诊
  ai:
    weight: 1
    expr: '人工智能 NEAR/10 @health'
  keywords:
    weight: 1
    all_of: [信息化]
    any_of: [医院, 卫生]
    none_of: [教育]
  jobs:
    veto: true
    expr: title:招聘
"""


def test_keyword_groups_compile_to_the_same_ast() -> None:
    profile = load_profile_text(PROFILE)
    rule = {r.name: r for r in profile.rules}["keywords"]
    assert str(rule.node) == "(信息化 AND (医院 OR 卫生) AND NOT 教育)"


def test_bad_rule_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE.replace("expr: 远程医疗 OR 远程会诊", "expr: 远程医疗 OR OR"), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_profile(path)
    assert (err.value.path, err.value.line, err.value.column) == (str(path), 8, 9)
    assert str(err.value).startswith(f"{path}:8:9: rule 'remote':")


def test_bad_list_item_names_its_own_line() -> None:
    text = PROFILE.replace("none_of: [教育]", "none_of:\n      - 教育\n      - 'a b'")
    with pytest.raises(RuleError) as err:
        load_profile_text(text, path="p.yaml")
    assert err.value.line == 18


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (("expr: 远程医疗 OR 远程会诊", "expr: ''"), "empty rule"),
        (("expr: 远程医疗 OR 远程会诊", "description: nothing"), "empty rule"),
        (("expr: 远程医疗 OR 远程会诊", "expr: x\n    any_of: [y]"), "not both"),
        (("weight: 2", "wieght: 2"), "unknown key 'wieght'"),
        (("threshold: 2", "threshold: high"), "expected a number"),
        (("name: 测试\n", ""), "needs 'name'"),
        (("expr: 远程医疗 OR 远程会诊", "expr: body:x OR foo:y"), "unknown field 'foo'"),
    ],
)
def test_profile_errors(change: tuple[str, str], says: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_profile_text(PROFILE.replace(*change), path="p.yaml")
    assert says in str(err.value)
    assert err.value.line is not None


def test_invalid_yaml_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as err:
        load_profile_text("name: [unclosed\n", path="p.yaml")
    assert err.value.line is not None


def test_duplicate_rule_names_are_refused() -> None:
    with pytest.raises(ConfigError, match="appears twice"):
        load_profile_text(PROFILE + "  remote:\n    expr: x\n")


# --- matching -------------------------------------------------------------------------------------


def test_and_or_not() -> None:
    assert fires("远程医疗 AND NOT 招聘", text="开展远程医疗服务")
    assert not fires("远程医疗 AND NOT 招聘", text="远程医疗中心招聘")
    assert fires("远程医疗 OR 互联网医院", title="互联网医院开诊")


def test_field_scope() -> None:
    assert fires("title:招聘", title="信息中心招聘公告", text="")
    assert not fires("title:招聘", title="信息中心公告", text="招聘三人")
    assert fires("outlet:新华社", outlet="新华社客户端")
    assert fires("site:people.com.cn", site="health.people.com.cn")
    assert not fires("远程医疗", outlet="远程医疗网")  # unscoped terms look in title and body only


def test_tier_compares_the_whole_word_and_may_be_missing() -> None:
    @dataclass
    class WithTier(Doc):
        tier: str = "central"

    fields = _fields(WithTier())
    assert parse_rule("tier:central").evaluate(fields)[0]
    assert not parse_rule("tier:cent").evaluate(fields)[0]
    assert not parse_rule("tier:central").evaluate(_fields(Doc()))[0]


def test_near_counts_characters_between_in_either_order_in_one_field() -> None:
    assert fires("人工智能 NEAR/5 医院", text="人工智能辅助医院诊断")  # 2 between
    assert fires("人工智能 NEAR/5 医院", text="医院引入人工智能")  # reversed
    assert not fires("人工智能 NEAR/1 医院", text="人工智能辅助医院诊断")
    assert fires("人工智能 NEAR/2 医院", text="人工智能辅助医院诊断")
    assert not fires("人工智能 NEAR/5 医院", title="人工智能", text="医院")


def test_normalisation_full_width_and_case() -> None:
    assert fires('"互联网+医疗健康"', text="促进“互联网＋医疗健康”发展")
    assert fires("互联网＋医疗", text="互联网+医疗")
    assert fires("pacs", text="医院ＰＡＣＳ系统")
    assert fires("2017年", text="２０１７年")


def test_latin_terms_match_whole_latin_words_only() -> None:
    assert fires("HIS", text="医院HIS系统")
    assert not fires("HIS", text="this is a test")
    assert not fires("AI", text="DAILY news")
    assert fires("5G", text="5G+医疗")
    assert not fires("5G", text="15G流量")


def test_spaces_next_to_chinese_are_ignored_and_spans_point_into_normalised_text() -> None:
    profile = load_profile_text(PROFILE)
    body = "各 地 要 发 展 远 程 医 疗 服 务"
    result = profile.match(Doc(text=body))
    (hit,) = result.hits
    (span,) = hit.spans
    assert span[0] == "body"
    assert normalize(body)[span[1] : span[2]] == "远 程 医 疗"
    assert highlight(body, hit.spans) == "各 地 要 发 展 【远 程 医 疗】 服 务"


def test_score_formula_title_weight_and_veto() -> None:
    profile = load_profile_text(PROFILE)  # title_weight 2, body_weight 1 by default
    body_only = profile.match(Doc(title="新闻", text="开展远程医疗"))
    assert (body_only.score, body_only.matched) == (2.0, True)
    in_title = profile.match(Doc(title="远程医疗惠及山区", text="医院引入人工智能"))
    assert in_title.score == 2 * 2 + 1
    assert [h.weight for h in in_title.hits] == [4.0, 1.0]
    assert sum(h.weight for h in in_title.hits) == in_title.score
    weak = profile.match(Doc(text="医院引入人工智能"))
    assert (weak.score, weak.matched) == (1.0, False)
    vetoed = profile.match(Doc(title="远程医疗中心招聘", text="远程医疗"))
    assert vetoed.vetoed_by == "jobs" and not vetoed.matched and vetoed.score == 4.0
    assert vetoed.hits[-1].rule == "jobs" and vetoed.hits[-1].weight == 0.0


def test_hits_carry_terms_and_spans() -> None:
    profile = load_profile_text(PROFILE)
    doc = Doc(title="远程医疗", text="医院引入人工智能；远程会诊")
    result = profile.match(doc)
    remote = result.hits[0]
    assert remote.terms == ["远程医疗", "远程会诊"]
    assert remote.spans == [("title", 0, 4), ("body", 9, 13)]
    assert highlight(doc.text, remote.spans, field="body") == "医院引入人工智能;【远程会诊】"
    assert highlight(doc.text, result.hits[1].spans, field="body", before="[b]", after="[/b]") == (
        "[b]医院[/b]引入[b]人工智能[/b];远程会诊"
    )


def test_highlight_merges_overlapping_spans() -> None:
    assert highlight("健康医疗大数据", [("body", 0, 6), ("body", 2, 7)]) == "【健康医疗大数据】"


def test_overlapping_terms_are_all_found() -> None:
    node = parse_rule("医疗大数据 AND 健康医疗大数据 AND 大数据")
    ok, spans = node.evaluate(_fields(Doc(text="健康医疗大数据")))
    assert ok and sorted(spans) == [("body", 0, 7), ("body", 2, 7), ("body", 4, 7)]


def test_match_accepts_an_article_without_tier() -> None:
    from yuqing.models import Article

    profile = load_profile_text(PROFILE)
    result = profile.match(Article(title="远程医疗", text="", outlet=None, site=None))
    assert result.matched and result.profile == "测试"


def test_profile_terms_list_every_term_once() -> None:
    terms = load_profile_text(PROFILE).terms()
    assert terms[:3] == ["远程医疗", "远程会诊", "人工智能"]
    assert len(terms) == len(set(terms))


def test_a_long_article_against_the_default_profile() -> None:
    # Performance sanity without a timed assertion: the benchmark prints the rate.
    from yuqing.topics import default_profile_path

    profile = load_profile(default_profile_path())
    body = "医院" * 500 + "人工智能" + "。" * 2000 + "远程医疗"
    result = profile.match(Doc(title="", text=body))
    assert result.matched
