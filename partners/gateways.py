"""The three gateways a partner passes before the directory shows what it claims.

Gateway 1 is reviewed per curriculum claimed, gateway 2 per phase of support claimed (both
on the Claim), gateway 3 once per partner (GatewayReview). An item passes when every point
of its checklist is ticked; curators add notes.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Gateway:
    number: int
    title: str
    question: str
    checklist: tuple[tuple[str, str], ...]

    def passes(self, checked) -> bool:
        return self.item_keys() <= set(checked or [])

    def item_keys(self) -> set[str]:
        return {key for key, _ in self.checklist}


CURRICULUM = Gateway(
    1,
    "Curriculum or content-area expertise",
    "Does the provider know this curriculum well enough to teach others to use it?",
    (
        ("staff", "Facilitators have taught with or trained on this curriculum"),
        ("materials", "Sessions use the curriculum's own materials and routines"),
        ("references", "A district using this curriculum confirms the work"),
    ),
)
DESIGN = Gateway(
    2,
    "Professional-learning design",
    "Is the professional learning for this phase of support well designed?",
    (
        ("purpose", "Goals fit the purpose of this phase of support"),
        ("sequence", "A sample scope and sequence shows how learning builds over time"),
        ("practice", "Learning continues in classrooms (coaching, collaborative planning)"),
    ),
)
EVALUATION = Gateway(
    3,
    "Evaluation and continuous improvement",
    "How does the provider measure its effectiveness and improve its services?",
    (
        ("reactions", "Measures participants' reactions"),
        ("learning", "Measures participants' learning"),
        ("organisation", "Looks at organisational support and change"),
        ("use", "Follows participants' use of new knowledge and skills"),
        ("outcomes", "Looks at student learning outcomes"),
        ("improves", "Shows a change it made to its services because of what it measured"),
    ),
)
GATEWAYS = [CURRICULUM, DESIGN, EVALUATION]
# The gateway a claim of each kind is reviewed against (specialties need evidence only).
GATEWAY_OF_CLAIM = {"curriculum": CURRICULUM, "phase": DESIGN}
