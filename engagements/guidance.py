"""The sources' own words shown where the PL manager sets up an engagement.

Quoted word for word from the playbook ("Onboard Your Vendor") and the managing-multiple-
partners guide (fixtures/seeds); tests/engagements/test_guidance.py checks every quote is
still in its seed (the seeds' markdown links read as their plain text), so a paraphrase
cannot creep in.
"""

PLAYBOOK = "partner-playbook.txt"
MANAGING_GUIDE = "managing-multiple-partners.txt"

# The playbook's kick-off meeting, "During this meeting, you should:" — (key, the bullet).
KICK_OFF_ITEMS = [
    ("vision", "Communicate your academic vision and how your partner will help you achieve it"),
    (
        "practices",
        "Provide an overview of your district's current professional learning practices and "
        "discuss which of these should stop, start, or continue to achieve your professional "
        "learning goals",
    ),
    (
        "cohesion",
        "Discuss how the professional learning providers' practices coincide with your "
        "practices, as well as where they may contradict, and create a plan for cohesion, "
        "avoiding confusion in the field",
    ),
    (
        "non-negotiables",
        "Review the non-negotiables you included in the contract and how you will measure if "
        "they are met",
    ),
    (
        "monitoring",
        "Establish a plan for monitoring professional learning services, providing feedback to "
        "the provider from all users, and refining the scope of work based on these data.",
    ),
]
KICK_OFF_INTRO = (
    "After the contract is signed, but before services begin, you should hold a kick-off "
    "meeting with your new professional learning partner to align the goals and objectives of "
    "your partnership. During this meeting, you should:"
)

# The check-in cadence: the two sources differ, so each is named.
CADENCE = [
    (
        "The managing guide",
        "you might schedule 30 – 60 minute check-ins 2 – 4 times per month and a longer "
        "(60 – 120 minute) stepback meeting once a quarter",
    ),
    (
        "The playbook",
        "you might schedule 30-60 minute monthly check-ins and longer (60 – 120 minute) "
        "stepback meetings once a quarter",
    ),
]

# The managing guide's examples, where the PL manager sets roles, tools and the meeting.
ROLES = [
    "A district might hire one partner to support its elementary ELA teachers implementing "
    "CKLA and another partner to work with its principals.",
    "To ensure cohesion across the partners, the district should set the expectation that they "
    "hop on the phone with each other once a month to discuss trends that they're seeing and "
    "identify places where they can collaborate to support teacher growth.",
]
TOOLS = [
    "Utilize the expertise of your partners to evaluate the effectiveness of your current tools "
    "and resources in helping help your district achieve its instructional vision and strategy.",
    "Observation tools are a common place where this type of confusion can occur. Do you "
    "already have a strong observation tool that is specific to your HQIM (e.g. Zearn’s "
    "Classroom Walkthrough Guide) or aligned to the shifts (e.g. Instructional Practice "
    "Guides)? If you do, you might require that any partners who are observing and providing "
    "feedback to your teachers use your tool rather than introducing a new one. If not, this "
    "is a great place to ask for help from a partner who has the expertise to recommend a "
    "good one.",
]
COHERENCE_MEETING = [
    "Consider bringing all of your instructional partners together — either virtually or in "
    "person — once or twice a year to share and reshare your school system's northstar and "
    "ensure that they are clear on the role they play in helping you achieve your goals.",
]


def quotes() -> list[tuple[str, str]]:
    """Every quote with its seed file (the test reads them back from the seeds)."""
    return (
        [(PLAYBOOK, KICK_OFF_INTRO)]
        + [(PLAYBOOK, text) for _, text in KICK_OFF_ITEMS]
        + [(MANAGING_GUIDE if "managing" in who else PLAYBOOK, text) for who, text in CADENCE]
        + [(MANAGING_GUIDE, text) for text in ROLES + TOOLS + COHERENCE_MEETING]
    )
