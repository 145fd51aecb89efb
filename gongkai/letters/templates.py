"""An office's own wording, safely: Jinja2 in its immutable sandbox, checked before it is saved.

A template is the body of one kind of letter, one paragraph a line. It sees only the
documented fields (`context.FIELDS`): a name or attribute outside them is refused when the
template is saved (read from its syntax tree, so a branch the sample does not take is
checked too) and again, by the sandbox and strict undefined values, whenever it renders.
`validate` renders it for sample requests (for an answer, every outcome of table 三) and
refuses it when a required element (`kinds.ELEMENTS`) is missing from what it writes.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .. import deadlines as dl
from .. import fees
from ..workdays import WorkCalendar
from . import grounds
from .context import FIELDS, Facts, Inputs, LetterError, Office, field_names, fields
from .defaults import DEFAULTS
from .kinds import ELEMENTS, KINDS

MAX_TEMPLATE = 20_000  # characters of template text
MAX_OUTPUT = 50_000  # characters a letter's body may run to
MAX_LOOP = 200


class TemplateRefused(LetterError):
    """A template that does not render, reaches outside its fields, or drops a required element."""


def _range(*args):
    r = range(*args)
    if len(r) > MAX_LOOP:
        raise SecurityError(f"循环次数不能超过{MAX_LOOP}")
    return r


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, and no arithmetic that can build a huge value ('x' * 10**9)."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" or not all(isinstance(v, (int, float)) and abs(v) < 10**6 for v in (left, right)):
            raise SecurityError("模板中不能重复文字或做乘方运算")
        return super().call_binop(context, operator, left, right)


def _environment() -> ImmutableSandboxedEnvironment:
    env = _Sandbox(
        undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals = {"range": _range}
    return env


ENV = _environment()


@lru_cache(maxsize=256)
def _compiled(text: str):
    return ENV.from_string(text)


def _top_names() -> set[str]:
    return {name.split(".")[0] for name, _, _ in FIELDS}


def _check_names(text: str, kind: str) -> None:
    """Every field the template names is one of the kind's documented fields."""
    try:
        tree = ENV.parse(text)
    except TemplateSyntaxError as exc:
        raise TemplateRefused(f"模板第{exc.lineno}行有语法错误：{exc.message}") from exc
    allowed = field_names(kind)
    tops = {n.split(".")[0] for n in allowed}
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in tops and node.name not in assigned and node.name not in ENV.globals \
                and node.name != "loop":
            known = "字段" if node.name in _top_names() else "未知字段"
            raise TemplateRefused(f"模板第{node.lineno}行使用了本类文书没有的{known}“{node.name}”")
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(attr, str) and attr.startswith("_"):
            raise TemplateRefused(f"模板第{node.lineno}行试图访问不允许的属性“{attr}”")
        if isinstance(node.node, nodes.Name) and node.node.name in tops and node.node.name not in assigned:
            if not isinstance(attr, str) or f"{node.node.name}.{attr}" not in allowed:
                raise TemplateRefused(f"模板第{node.lineno}行使用了未知字段“{node.node.name}.{attr}”")
    for node in tree.find_all(nodes.Call):
        if isinstance(node.node, nodes.Getattr):
            raise TemplateRefused(f"模板第{node.lineno}行调用了方法“{node.node.attr}”，模板中只能使用字段和过滤器")


def render_body(text: str, values: dict) -> list[str]:
    """The template rendered with `values`: one paragraph a non-blank line."""
    try:
        out = _compiled(text).render(values)
    except TemplateSyntaxError as exc:
        raise TemplateRefused(f"模板第{exc.lineno}行有语法错误：{exc.message}") from exc
    except SecurityError as exc:
        raise TemplateRefused(f"模板试图访问不允许的内容：{exc}") from exc
    except UndefinedError as exc:
        raise TemplateRefused(f"模板使用了未定义的字段：{exc.message}") from exc
    except TemplateError as exc:
        raise TemplateRefused(f"模板无法生成文书：{exc}") from exc
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise TemplateRefused(f"模板无法生成文书：{exc}") from exc
    if len(out) > MAX_OUTPUT:
        raise TemplateRefused(f"模板生成的正文超过{MAX_OUTPUT}字")
    return [line.strip() for line in out.splitlines() if line.strip()]


def default(kind: str) -> str:
    return DEFAULTS[kind]


# --- checking a template before it is saved -------------------------------------------------

SAMPLE_OFFICE = Office(
    name="示例区人民政府办公室", short_name="示区府办", review_body="示例区人民政府", court="示例市示例区人民法院",
    address="示例区人民路1号", contact="010-12345678", payment="通过非税收入缴款平台缴纳",
)


def _sample_facts(kind: str, outcome: str = "") -> Facts:
    received = date(2025, 9, 26)
    events = [dl.Event(dl.EventKind.received, received)]
    if kind == "correction" or outcome in ("unable.unclear", "other.no_correction"):
        events.append(dl.Event(dl.EventKind.correction_requested, date(2025, 9, 29), note="请写明所需信息的文件名称或文号。"))
        if outcome == "unable.unclear":
            events.append(dl.Event(dl.EventKind.corrected, date(2025, 10, 9)))
    if kind in ("consultation", "consultation_notice"):
        events.append(dl.Event(dl.EventKind.consultation_started, date(2025, 10, 15), note="某企业的技术参数"))
    if kind == "extension":
        events.append(dl.Event(dl.EventKind.extension_approved, date(2025, 10, 28), days=20, note="申请的信息数量较多"))
    if kind == "fee_notice" or outcome == "other.unpaid_fee":
        events.append(dl.Event(dl.EventKind.fee_notice_sent, date(2025, 10, 10)))
    if kind == "answer":
        on = date(2025, 11, 28) if outcome == "other.unpaid_fee" else date(2025, 10, 24)
        ends = dl.EventKind.correction_lapsed if outcome == "other.no_correction" else dl.EventKind.answered
        events.append(dl.Event(ends, on))
    return Facts(
        number="示例〔2025〕0001号", applicant="张三", applicant_kind="自然人", received=received,
        channel="网络/在线平台", receipt_rule="通过互联网渠道提交的，以双方确认之日为收到申请之日",
        items="2025年某道路拓宽工程的规划许可文件", form="纸质文本", route="邮寄", events=events,
        outcome=outcome, legal_basis="示例依据" if outcome == "other.other" else "",
        fee=fees.per_request(10, 3) if kind == "fee_notice" else None,
    )


SAMPLE_INPUTS = Inputs(
    provided="《某道路拓宽工程建设用地规划许可证》复印件1份（示例）",
    withheld="许可证附件中的个人身份信息涉及个人隐私，依据第十五条不予公开（示例）",
    referral="示例区自然资源局负责公开该信息，联系电话010-00000000（示例）",
    third_party="示例有限公司", note="依法作出其他处理（示例）",
)


def samples(kind: str):
    """(description, facts) of the sample requests a template of `kind` must render for."""
    if kind != "answer":
        yield KINDS[kind].label, _sample_facts(kind), Inputs(third_party=SAMPLE_INPUTS.third_party)
        return
    for outcome in grounds.outcomes():
        for variant in grounds.VARIANTS[outcome]:
            g = grounds.ground(outcome, variant)
            label = g.outcome_label + (f"（{grounds.VARIANT_LABELS[variant]}）" if variant else "")
            yield label, _sample_facts(kind, outcome), Inputs(**{**SAMPLE_INPUTS.__dict__, "variant": variant})


def _present(element: str, values: dict, text: str) -> bool:
    """Whether the rendered `text` carries `element` of the letter whose fields are `values`."""
    if element == "remedy":
        office = values["agency"]
        return values["remedy"] in text or all(
            w in text for w in (office["review_body"], office["court"], "行政复议", "行政诉讼", "六十日", "六个月")
        )
    value = {
        "receipt": values["request"]["received"],
        "facts": values["request"]["received"],
        "correction_matters": values.get("correction", {}).get("matters"),
        "correction_due": values.get("correction", {}).get("reply_due"),
        "extension_due": values.get("extension", {}).get("new_due"),
        "consultation_due": values.get("consultation", {}).get("reply_due"),
        "consultation_pause": values.get("consultation", {}).get("date"),
        "fee_amount": values.get("fee", {}).get("amount"),
        "fee_due": values.get("fee", {}).get("payment_due"),
        "basis": values.get("answer", {}).get("basis"),
    }[element]
    return bool(value) and value in text


def validate(kind: str, text: str, calendar: WorkCalendar) -> None:
    """Refuse (TemplateRefused, in Chinese) a template that cannot stand as `kind`'s letter."""
    if kind not in KINDS:
        raise TemplateRefused(f"未知的文书种类“{kind}”")
    if not text or not text.strip():
        raise TemplateRefused("模板不能为空")
    if len(text) > MAX_TEMPLATE:
        raise TemplateRefused(f"模板最多{MAX_TEMPLATE}字")
    _check_names(text, kind)
    for label, facts, inputs in samples(kind):
        values = fields(kind, facts, SAMPLE_OFFICE, calendar, inputs=inputs, number="示区府办依〔2025〕1号")
        try:
            body = "\n".join(render_body(text, values))
        except TemplateRefused as exc:
            raise TemplateRefused(f"{exc}（示例：{label}）") from exc
        if not body:
            raise TemplateRefused(f"模板生成的正文为空（示例：{label}）")
        missing = [ELEMENTS[e] for e in KINDS[kind].required if not _present(e, values, body)]
        if missing:
            raise TemplateRefused(f"模板缺少必备要素：{'、'.join(missing)}（示例：{label}）")
