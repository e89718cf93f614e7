"""Personal information: caught in body, front matter and attachments; no false alarms."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import VALID
from generator.check.privacy import luhn, scan, valid_id
from generator.check.run import Result

Write = Callable[..., Path]


def make_id(prefix17: str) -> str:
    """A resident ID number with the right GB 11643 check digit."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(prefix17, weights, strict=True))
    return prefix17 + "10X98765432"[total % 11]


def make_card(prefix: str, length: int = 16) -> str:
    """A card number that passes the Luhn check."""
    body = (prefix + "0123456789" * 2)[: length - 1]
    return next(body + d for d in "0123456789" if luhn(body + d))


ID = make_id("33010619850315123")
ID_X = next(i for n in range(1000) if (i := make_id(f"11010519900101{n:03d}")).endswith("X"))
CARD = make_card("622202", 19)
VISA = make_card("4", 16)


def test_helpers_make_valid_numbers() -> None:
    assert valid_id(ID) and valid_id(ID_X) and ID_X.endswith("X")
    assert luhn(CARD) and luhn(VISA) and len(CARD) == 19
    # the near misses used below really are invalid
    assert not valid_id("330106198503151230") and not valid_id("330106198502301234")
    assert not luhn("6222021234567890123")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"张三，身份证号 {ID}，补贴 1200 元", "id"),
        (f"李四 {ID_X.lower()} 已领取", "id"),
        (f"|王五|{ID}|1500|", "id"),
        ("联系人手机：13812345678", "mobile"),
        ("电话 138-1234-5678", "mobile"),
        ("电话 138 1234 5678", "mobile"),
        ("+86 13912345678", "mobile"),
        ("+8613912345678", "mobile"),
        (f"收款账号：{CARD}", "card"),
        (f"卡号 {VISA[:4]} {VISA[4:8]} {VISA[8:12]} {VISA[12:]}", "card"),
    ],
)
def test_personal_numbers_are_found(text: str, kind: str) -> None:
    [finding] = scan(text)
    assert finding.kind == kind
    assert finding.digits[-4:] in finding.masked and "*" in finding.masked
    assert finding.digits not in finding.message()  # the message itself leaks nothing


@pytest.mark.parametrize(
    "text",
    [
        "信息索引号：330103--2017--0510，文号 国办发〔2017〕24号",
        "发布日期 2023-02-15，成文日期 20230210",
        "统一社会信用代码 91330103MA27XYZ12A，注册资本 12345678.90 万元",
        "咨询电话：0571-85800110，传真 0571-85800111，市长热线 12345",
        "合同编号 HT2023040100012345",
        f"身份证号已打码：{ID[:6]}********{ID[-4:]}",
        "手机号已打码：138****5678",
        "校验位错误的号码：330106198503151230",
        "日期不存在的号码：330106198502301234",
        "不通过 Luhn 的数字 6222021234567890123",
        "以 1 开头但长 12 位：138123456789",
        "金额合计 1,380,123,456.78 元，人口 13812345",
        "邮政编码 310003，车牌 浙A12345",
        "订单号 2023041512345678（16 位，但不以银行卡号段开头）",
    ],
)
def test_no_false_alarms_on_what_disclosure_documents_are_full_of(text: str) -> None:
    assert scan(text) == []


def test_exemption_clears_a_published_number(
    write_item: Write, check: Callable[[], Result]
) -> None:
    front = VALID + "exempt:\n  - value: 13812345678\n    reason: 公开的政务服务热线\n"
    write_item("cz/new.md", front, "咨询热线：138 1234 5678\n")
    result = check()
    assert result.ok and [p for p in result.problems if p.path == "content/cz/new.md"] == []


def test_exemption_needs_a_reason(write_item: Write, check: Callable[[], Result]) -> None:
    write_item("cz/new.md", VALID + "exempt:\n  - value: 13812345678\n", "正文\n")
    [problem] = [p for p in check().errors if p.path == "content/cz/new.md"]
    assert problem.field == "exempt" and "理由 reason" in problem.message


def test_found_in_body_with_its_line(write_item: Write, check: Callable[[], Result]) -> None:
    body = f"2024年补贴发放名单：\n\n| 姓名 | 身份证号 | 金额 |\n| --- | --- | --- |\n| 张** | {ID} | 1200 |\n"
    write_item("cz/new.md", VALID, body)
    [problem] = [p for p in check().errors if p.path == "content/cz/new.md"]
    assert problem.line == 17  # 11 lines of front matter, a blank line, then the 5th body line
    assert "疑似身份证号 3301**********" in problem.message and ID not in problem.message


def test_found_in_front_matter(write_item: Write, check: Callable[[], Result]) -> None:
    write_item("cz/new.md", VALID.replace("title: 示例县", "title: 联系人 13812345678 示例县"))
    [problem] = [p for p in check().errors if p.path == "content/cz/new.md"]
    assert (problem.field, problem.line) == ("title", 3) and "138****5678" in problem.message


def test_found_in_text_attachments_even_in_gbk(
    small: Path, write_item: Write, check: Callable[[], Result]
) -> None:
    csv = small / "content/cz/files/补贴名单.csv"
    csv.write_bytes(f"姓名,身份证号,金额\n张三,{ID},1200\n李四,{ID_X},1500\n".encode("gbk"))
    [first, second] = [p for p in check().errors if p.path == "content/cz/files/补贴名单.csv"]
    assert (first.line, second.line) == (2, 3)
    assert "身份证号" in first.message


def test_attachment_uses_the_exemptions_of_the_items_linking_it(
    small: Path, write_item: Write, check: Callable[[], Result]
) -> None:
    (small / "content/cz/files/热线.txt").write_text("服务热线 13812345678\n", encoding="utf-8")
    assert not check().ok
    front = VALID + "exempt:\n  - value: 13812345678\n    reason: 公开的政务服务热线\n"
    write_item("cz/new.md", front, "[热线](files/热线.txt)\n")
    assert check().ok


def test_the_demo_catalogue_raises_no_alarm(check: Callable[[], Result]) -> None:
    from conftest import REPO
    from generator.check.run import run

    assert [p.format() for p in run(REPO).problems if "疑似" in p.message] == []
