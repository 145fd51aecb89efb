"""Errors the register shows to its users, in Chinese, instead of a server error."""

from gongkai.errors import GongkaiError


class Refused(GongkaiError):
    """A step that the rules or the request's state do not allow (shown as a form error)."""


class Forbidden(Refused):
    """The user's role or agency does not allow this step."""


class EditConflict(Refused):
    """Someone else saved the record after this editor opened it: nothing was saved.

    `changed` maps each field that differs to its label and its value now, so the editor
    can be told what changed and decide again.
    """

    def __init__(self, changed: dict[str, tuple[str, object]]):
        self.changed = changed
        names = "、".join(label for label, _ in changed.values())
        super().__init__(f"您打开此页面后，他人已修改了{names}；您的修改尚未保存，请核对后再次保存")
