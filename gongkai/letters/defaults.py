"""gongkai's default wording of each letter's body: Jinja2, one paragraph a line.

The title, 文号, addressee, signature, date and seal are the letter's frame and not part of
a template; an office's own copy replaces only this text (see `templates`).
"""

CONTACT = """{% if agency.address or agency.contact %}
（联系地址：{{ agency.address or "—" }}；联系电话：{{ agency.contact or "—" }}）
{% endif %}"""

RECEIVED = "本机关于{{ request.received }}收到您提交的政府信息公开申请（提交方式：{{ request.channel }}；登记编号：{{ request.number }}），申请获取：{{ request.content }}。"

DEFAULTS = {
    "receipt": RECEIVED + """
{{ request.receipt_rule }}。根据《中华人民共和国政府信息公开条例》第三十一条的规定，本机关收到您申请的日期为{{ request.received }}。
本机关将依照《中华人民共和国政府信息公开条例》第三十三条的规定，自收到申请之日起20个工作日内{% if answer_due %}（{{ answer_due }}前）{% endif %}作出答复；需要延长答复期限的，将另行书面告知。
请您在查询办理进度、补正申请或者联系本机关时注明上述登记编号。
""" + CONTACT,
    "correction": RECEIVED + """
经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对以下事项一并作出补正：{{ correction.matters }}
请您于{{ correction.reply_due }}前（{{ correction.reply_days }}个工作日内）向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。
""" + CONTACT,
    "extension": RECEIVED + """
因{{ extension.reason }}，本机关不能在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{ extension.days }}个工作日，本机关将于{{ extension.new_due }}前作出答复。
""" + CONTACT,
    "consultation": """本机关于{{ request.received }}收到一件政府信息公开申请，申请获取：{{ request.content }}。
经审查，该申请涉及的以下信息公开后可能损害您（单位）的合法权益：{{ consultation.matter }}
根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您（单位）的意见。请您（单位）自收到本意见书之日起{{ consultation.days }}个工作日内（{{ consultation.reply_due }}前）书面提出意见，并说明理由；逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。
您（单位）不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（单位）。
""" + CONTACT,
    "consultation_notice": RECEIVED + """
因您申请获取的政府信息可能涉及第三方合法权益，本机关已于{{ consultation.date }}依照《中华人民共和国政府信息公开条例》第三十二条的规定书面征求第三方意见。根据该条例第三十三条第三款的规定，征求意见所需时间不计入答复期限，本机关将在征求意见结束后依法作出答复。
""" + CONTACT,
    "fee_notice": RECEIVED + """
根据《中华人民共和国政府信息公开条例》第四十二条和{{ fee.basis }}的规定，本机关对您的申请收取信息处理费，计收方式为{{ fee.method }}，计算如下：
{% for line in fee.calculation %}
{{ line }}
{% endfor %}
应缴金额：人民币{{ fee.amount }}元。
请您自收到本通知次日起{{ fee.payment_days }}个工作日内（{{ fee.payment_due }}前）缴纳。缴费方式：{{ fee.how_to_pay }}。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。
{{ remedy }}
""" + CONTACT,
    "answer": RECEIVED + """
{{ answer.decision }}
{{ remedy }}
""" + CONTACT,
}
