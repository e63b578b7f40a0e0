from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from governance.models import AgendaItem, Body
from governance.positions.models import (
    IN_FORCE_STATES,
    InfluenceKind,
    InfluenceState,
    Position,
    PositionState,
    Publication,
    Stance,
    VoteChoice,
)
from network.form_fields import BoundedDateField, BoundedDateTimeField, TitleField, form_field
from network.forms import PageForm
from network.models import User
from network.reform import Cornerstone, Workstream
from network.translations import TranslatedFieldsMixin, translated

#: A position's text: generous (some forty pages), and a bound on what every later
#: comparison of its versions has to read.
POSITION_TEXT_MAX = 100_000
POSITION_SUMMARY_MAX = 5_000


def _optional_text(rows: int, max_length: int = POSITION_TEXT_MAX) -> forms.CharField:
    """A Swedish or English version of a text: optional (labelled by the form's mixin)."""
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": rows}), max_length=max_length, required=False
    )


class PositionForm(TranslatedFieldsMixin, forms.Form):
    """A position's text in Finnish (required), Swedish and English (optional)."""

    translated_fields = ("title", "summary", "text", "background")

    title = TitleField(label=pgettext_lazy("heading", "Title"), max_length=250)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=POSITION_SUMMARY_MAX,
    )
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=POSITION_TEXT_MAX,
        help_text=_("Markdown: # headings, - lists, **bold**, [links](https://…)."),
    )
    background = forms.CharField(
        label=_("Background"),
        widget=forms.Textarea,
        required=False,
        max_length=POSITION_TEXT_MAX,
    )
    title_sv = TitleField(max_length=250, required=False)
    summary_sv = _optional_text(3, POSITION_SUMMARY_MAX)
    text_sv = _optional_text(8)
    background_sv = _optional_text(4)
    title_en = TitleField(max_length=250, required=False)
    summary_en = _optional_text(3, POSITION_SUMMARY_MAX)
    text_en = _optional_text(8)
    background_en = _optional_text(4)
    prepared_by = forms.ModelChoiceField(
        label=_("Prepared by"), queryset=Body.objects.filter(closed_at__isnull=True), required=False
    )
    cornerstones = forms.MultipleChoiceField(
        label=pgettext_lazy("position", "Cornerstones it serves"),
        choices=Cornerstone.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    workstreams = forms.MultipleChoiceField(
        label=_("Workstreams it concerns"),
        choices=Workstream.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    request_from = forms.CharField(
        label=_("Statement requested by"), max_length=200, required=False
    )
    request_reference = forms.CharField(label=_("Their reference"), max_length=100, required=False)
    request_deadline = BoundedDateField(label=_("Their deadline"), required=False)
    request_link = forms.URLField(label=_("Link to the request"), required=False)
    supersedes = forms.ModelChoiceField(
        queryset=Position.objects.filter(state__in=IN_FORCE_STATES),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Only an approved position can be superseded.")},
    )


class ConsultationForm(forms.Form):
    deadline = BoundedDateTimeField(label=_("Answers by"))
    questions = forms.CharField(
        label=_("Questions to the departments"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Optional; one question per line."),
    )


class AnswerForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Your department's position"), choices=Stance.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Required when your department supports with changes: say which."),
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=question.text, widget=forms.Textarea(attrs={"rows": 3}), required=False
            )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if (
            data.get("stance") == Stance.SUPPORTS_WITH_CHANGES
            and not data.get("comment", "").strip()
        ):
            self.add_error("comment", _("Say which changes your department wants."))
        return data

    def question_answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"question_{q.pk}", "") for q in self.questions}


class _PrincipalField(forms.ModelChoiceField):
    def label_from_instance(self, person: User) -> str:
        return _("For %(name)s, as their personal deputy") % {"name": person.full_name}


class VoteForm(forms.Form):
    """A vote for the person's own seat, or for the seat of their principal: a personal
    deputy is offered exactly their principal, nobody else."""

    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    in_place_of = _PrincipalField(
        label=_("Whose seat you vote for"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, principals=None, own_seat: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not principals:
            del self.fields["in_place_of"]
            return
        field = form_field(self, "in_place_of", forms.ModelChoiceField)
        field.queryset = principals
        field.required = not own_seat
        field.empty_label = _("My own seat") if own_seat else None
        field.widget = forms.RadioSelect()
        field.widget.choices = field.choices


class DecisionFromMeetingForm(forms.Form):
    """The board meeting's agenda item a decision is recorded from."""

    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item of the board meeting"),
        queryset=AgendaItem.objects.none(),
        error_messages={
            "required": _("Choose the agenda item of the board meeting."),
            "invalid_choice": _("Choose an item of a board meeting that has been held."),
        },
    )
    outcome = forms.ChoiceField(
        label=_("The board's decision"),
        choices=[("approved", _("Approved")), ("rejected", _("Rejected"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        field = form_field(self, "agenda_item", forms.ModelChoiceField)
        field.queryset = items
        # A per-form label, set on the field as Django's documentation shows for choices.
        field.label_from_instance = self._label  # type: ignore[method-assign,assignment]

    @staticmethod
    def _label(item) -> str:
        day = formats.date_format(timezone.localtime(item.meeting.starts_at), "SHORT_DATE_FORMAT")
        meeting = translated(item.meeting, "title").text
        return f"{day} {meeting}: {item.position}. {translated(item, 'title').text}"


class CloseEarlyForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, close the consultation early and put the position to the vote"),
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason.")},
    )


class PublishForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = ("text",)

    publication = forms.ChoiceField(
        label=_("Publish"), choices=Publication.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Text for this track"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=POSITION_TEXT_MAX,
        help_text=_(
            "Inside the network: the change-management brief for the departments. "
            "On the public site: the advocacy text (empty: the approved text)."
        ),
    )
    text_sv = _optional_text(6)
    text_en = _optional_text(6)
    review_date = BoundedDateField(
        label=_("Review date"),
        required=False,
        help_text=_("Optional; the drafters are reminded on this day."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The Finnish text stays optional here: without one, the approved text is used.
        self.fields["text"].required = False


class PositionEditForm(PositionForm):
    """A new version of the text and its details. Who prepares the position is set when
    the draft is made: it decides who may edit drafts, so it is not changed here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["prepared_by"]
        del self.fields["supersedes"]


class PositionFilterForm(forms.Form):
    """The list's filters; a value that is not one of the choices is ignored."""

    state = forms.ChoiceField(choices=PositionState.choices, required=False)
    cornerstone = forms.ChoiceField(choices=Cornerstone.choices, required=False)
    workstream = forms.ChoiceField(choices=Workstream.choices, required=False)
    waiting = forms.ChoiceField(choices=[("answer", "answer"), ("vote", "vote")], required=False)

    def filters(self) -> dict[str, str]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}


class CompareForm(forms.Form):
    """Which two versions are compared (by number)."""

    a = forms.IntegerField(min_value=1, required=False)
    b = forms.IntegerField(min_value=1, required=False)


class SupersedeForm(forms.Form):
    """``?supersedes=<pk>`` on the new-position page: the position a draft replaces."""

    supersedes = forms.ModelChoiceField(
        queryset=Position.objects.filter(state__in=IN_FORCE_STATES), required=False
    )


class _PersonField(forms.ModelChoiceField):
    def label_from_instance(self, person: User) -> str:
        return person.full_name


class _PositionField(forms.ModelChoiceField):
    def label_from_instance(self, position: Position) -> str:
        return f"{position.title} ({position.get_state_display()})"


class InfluenceForm(forms.Form):
    position = _PositionField(label=_("Position it rests on"), queryset=Position.objects.none())
    kind = forms.ChoiceField(
        label=_("Kind"), choices=InfluenceKind.choices, widget=forms.RadioSelect
    )
    title = TitleField(label=pgettext_lazy("heading", "Title"), max_length=250)
    counterpart = TitleField(
        label=_("To whom or with whom"),
        max_length=200,
        help_text=_("E.g. the Ministry of the Interior, or the members of a committee."),
    )
    reference = TitleField(label=_("Their reference"), max_length=100, required=False)
    deadline = BoundedDateField(
        label=_("Deadline"),
        required=False,
        help_text=_("While open, the deadline waits on the responsible person's dashboard."),
    )
    happened_on = BoundedDateField(label=_("Given or held on"), required=False)
    responsible = _PersonField(label=_("Responsible"), queryset=User.objects.none())
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10_000,
        help_text=_("What was said or decided, and what follows. Required when done."),
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=InfluenceState.choices,
        widget=forms.RadioSelect,
        initial=InfluenceState.OPEN,
    )

    def __init__(self, *args, positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "position", forms.ModelChoiceField).queryset = (
            positions if positions is not None else Position.objects.none()
        )
        form_field(self, "responsible", forms.ModelChoiceField).queryset = User.objects.filter(
            is_active=True
        ).order_by("last_name", "first_name")

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("state") == InfluenceState.DONE and not data.get("outcome", "").strip():
            self.add_error("outcome", _("Say what came of it before marking it done."))
        return data


class InfluenceFilterForm(PageForm):
    """The influence log's filters; a value that is not one of the choices is ignored."""

    position = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    kind = forms.ChoiceField(choices=InfluenceKind.choices, required=False)
    state = forms.ChoiceField(choices=InfluenceState.choices, required=False)

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or "" for name in ("position", "kind", "state")}


class KeyMessageForm(forms.Form):
    position = _PositionField(label=_("Position it rests on"), queryset=Position.objects.none())
    text_fi = forms.CharField(
        label=_("Message in Finnish"), widget=forms.Textarea(attrs={"rows": 3}), max_length=600
    )
    text_sv = forms.CharField(
        label=_("Message in Swedish"), widget=forms.Textarea(attrs={"rows": 3}), max_length=600
    )
    text_en = forms.CharField(
        label=_("Message in English"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=600,
        required=False,
    )
    approved_on = BoundedDateField(label=_("Wording approved on"))

    def __init__(self, *args, positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "position", forms.ModelChoiceField).queryset = (
            positions if positions is not None else Position.objects.none()
        )


class KeyMessageFilterForm(PageForm):
    q = forms.CharField(required=False, max_length=200)
    position = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    all = forms.BooleanField(required=False)

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": (data.get("q") or "").strip(),
            "position": data.get("position") or "",
            "all": bool(data.get("all")),
        }


class GuidingViewForm(forms.Form):
    by = forms.ChoiceField(
        label=_("Arrange by"),
        choices=[("cornerstone", _("Cornerstone")), ("workstream", _("Workstream"))],
        required=False,
    )
    since = BoundedDateField(
        label=_("Show what changed since"),
        required=False,
        help_text=_("Sections decided since this day are marked new or changed."),
    )
