"""信息处理费 as 国办函〔2020〕109号《政府信息公开信息处理费管理办法》 sets it.

Two methods, one per request, both charged on the excess only and progressively (办法第三条):

* 按件 (第四条): counted per applicant per calendar month, cumulative over the month's
  requests: the 1st–10th are free, the 11th–30th cost 100 元 each, and from the 31st every
  further band of 10 costs 100 元 more (31st–40th 200, 41st–50th 300, …);
* 按量 (第五条): by the pages of one request: 1–30 free, 31–100 at 10 元, 101–200 at 20 元,
  from the 201st at 40 元 a page.

Amounts are `Decimal` yuan with two places. A fee can be reduced or waived, always with a
reason. `FeeYear` and `statement` give section 六 of the annual report its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum

from .errors import GongkaiError

BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
PAYMENT_DAYS = 20  # working days from the day after the notice is received


class FeeError(GongkaiError):
    """A quantity or amount that no fee can be computed from."""


class Method(str, Enum):
    per_request = "per_request"  # 按件
    per_page = "per_page"  # 按量


METHOD_LABELS = {Method.per_request: "按件计收", Method.per_page: "按量计收"}
UNITS = {Method.per_request: "件", Method.per_page: "页"}


@dataclass(frozen=True)
class Tier:
    """One band of the tariff a fee used: units first..last at price each."""

    first: int
    last: int
    price: Decimal

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def subtotal(self) -> Decimal:
        return (self.price * self.count).quantize(CENT)


@dataclass(frozen=True)
class Fee:
    """A request's fee: the tariff's amount, what is charged, and how it was computed."""

    method: Method
    quantity: int  # pages, or this request's units (一事一申请 minimum units)
    prior: int  # 按件: the applicant's units earlier in the same month
    computed: Decimal
    amount: Decimal  # charged: computed, or less when reduced or waived
    tiers: tuple[Tier, ...]
    reduction_reason: str = ""

    @property
    def method_label(self) -> str:
        return METHOD_LABELS[self.method]

    @property
    def reduced(self) -> bool:
        return self.amount != self.computed

    def calculation(self) -> list[str]:
        """The computation in sentences, as the fee notice and the request page print it."""
        unit = UNITS[self.method]
        if self.method is Method.per_request:
            lines = [
                f"按件计收（办法第四条）：申请人本自然月此前已提出{self.prior}件，"
                f"本申请计{self.quantity}件，为本月第{self.prior + 1}至第{self.prior + self.quantity}件"
                if self.quantity > 1
                else f"按件计收（办法第四条）：申请人本自然月此前已提出{self.prior}件，本申请为本月第{self.prior + 1}件"
            ]
        else:
            lines = [f"按量计收（办法第五条）：本申请共{self.quantity}页"]
        for t in self.tiers:
            span = f"第{t.first}{unit}" if t.first == t.last else f"第{t.first}至第{t.last}{unit}"
            lines.append(
                f"{span}：免费" if not t.price else f"{span}：{t.count}{unit}×{money(t.price)}元＝{money(t.subtotal)}元"
            )
        lines.append(f"合计{money(self.computed)}元")
        if self.reduced:
            verb = "免收" if self.amount == 0 else f"减收为{money(self.amount)}元"
            lines.append(f"{verb}，理由：{self.reduction_reason}")
        return lines


def money(amount: Decimal) -> str:
    """Yuan with two places, no separators (as checks read amounts back from text): 5500.00."""
    return f"{amount.quantize(CENT):.2f}"


def _count(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FeeError(f"{what}应为整数，而不是“{value}”")
    if value < 0:
        raise FeeError(f"{what}不能为负数：{value}")
    return value


# --- 按件 -----------------------------------------------------------------------------------


def per_request_price(ordinal: int) -> Decimal:
    """The price of the applicant's `ordinal`-th request of the month (1-based)."""
    if ordinal < 1:
        raise FeeError(f"本月第{ordinal}件：序号应从1起")
    if ordinal <= 10:
        return ZERO
    if ordinal <= 30:
        return Decimal("100.00")
    return Decimal(200 + 100 * ((ordinal - 31) // 10)).quantize(CENT)


def _request_bands(first: int, last: int) -> list[tuple[int, int]]:
    """The tariff bands of 按件 that meet first..last: 1–10, 11–30, then bands of ten."""
    bands = []
    lo = first
    while lo <= last:
        if lo <= 10:
            hi = 10
        elif lo <= 30:
            hi = 30
        else:
            hi = 31 + ((lo - 31) // 10) * 10 + 9
        bands.append((lo, min(hi, last)))
        lo = hi + 1
    return bands


def per_request(prior: int, units: int = 1) -> Fee:
    """按件: the fee of a request of `units` units after `prior` units of the same applicant that month."""
    prior = _count(prior, "本月此前的申请件数")
    units = _count(units, "本申请的件数")
    if units == 0:
        raise FeeError("本申请的件数至少为1")
    tiers = tuple(Tier(a, b, per_request_price(a)) for a, b in _request_bands(prior + 1, prior + units))
    total = sum((t.subtotal for t in tiers), ZERO)
    return Fee(Method.per_request, units, prior, total, total, tiers)


def month_total(requests: int) -> Decimal:
    """What `requests` requests of one applicant in one month cost together (按件)."""
    requests = _count(requests, "申请件数")
    return per_request(0, requests).computed if requests else ZERO


# --- 按量 -----------------------------------------------------------------------------------

PAGE_BANDS = ((1, 30, Decimal("0.00")), (31, 100, Decimal("10.00")), (101, 200, Decimal("20.00")),
              (201, None, Decimal("40.00")))


def per_page(pages: int) -> Fee:
    """按量: the fee of one request of `pages` pages."""
    pages = _count(pages, "页数")
    tiers = tuple(
        Tier(lo, min(hi, pages) if hi else pages, price)
        for lo, hi, price in PAGE_BANDS
        if pages >= lo
    )
    total = sum((t.subtotal for t in tiers), ZERO)
    return Fee(Method.per_page, pages, 0, total, total, tiers)


def compute(method: Method | str, quantity: int, prior: int = 0) -> Fee:
    """The fee by either method: `quantity` is pages (按量) or this request's units (按件)."""
    try:
        method = Method(method)
    except ValueError:
        raise FeeError(f"未知的计收方式“{method}”（可选：按件、按量，每件申请只能选择一种）") from None
    return per_request(prior, quantity) if method is Method.per_request else per_page(quantity)


def reduce(fee: Fee, amount: Decimal, reason: str) -> Fee:
    """The fee reduced to `amount` (0 waives it), with the reason that must accompany it."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise FeeError(f"减免后的金额应为数字，而不是“{amount}”")
    amount = amount.quantize(CENT)
    if amount < 0:
        raise FeeError(f"减免后的金额不能为负数：{amount}")
    if amount > fee.computed:
        raise FeeError(f"减免后的金额{money(amount)}元高于按标准计算的{money(fee.computed)}元")
    if amount != fee.computed and not reason.strip():
        raise FeeError("减收或免收信息处理费须说明理由")
    return replace(fee, amount=amount, reduction_reason=reason.strip() if amount != fee.computed else "")


# --- the year, for section 六 ---------------------------------------------------------------


@dataclass(frozen=True)
class FeeYear:
    """One agency's fees of one year, as its register holds them."""

    year: int
    notices: int  # fee notices sent in the year
    paid: int  # fees paid in the year
    collected: Decimal  # yuan paid in the year
    reduced: int  # fees reduced or waived (notices sent in the year)
    unpaid: int  # requests ended in the year as （六）2, unpaid after the deadline


def statement(y: FeeYear) -> str:
    """The sentence section 六 prints about 信息处理费 (S1: fees are reported there)."""
    if y.notices == 0 and y.paid == 0 and y.unpaid == 0:
        return f"{y.year}年度，本机关未发出信息处理费收费通知，未收取信息处理费。"
    parts = [f"{y.year}年度，本机关依据{BASIS}发出收费通知{y.notices}件"]
    parts.append(f"收取信息处理费{money(y.collected)}元（{y.paid}件）" if y.paid else "未收取信息处理费")
    if y.reduced:
        parts.append(f"减收或免收{y.reduced}件")
    parts.append(f"申请人逾期未按收费通知要求缴纳费用、本机关不再处理的申请{y.unpaid}件")
    return "，".join(parts) + "。"
