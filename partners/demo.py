"""Demo directory: fictional partners (Partner.is_demo), their sample engagements, and the two
seed scope-and-sequence tables imported through partners.importer."""

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings

from partners.demo_portal import claims_from_listing, seed_portal
from partners.importer import (
    engagement_title,
    format_of,
    import_scope_sequence,
    parse_scope_sequence,
)
from partners.models import (
    ContentArea,
    CostBand,
    Curriculum,
    DeliveryFormat,
    GradeBand,
    Partner,
    Phase,
    PLType,
    SampleEngagement,
    SequenceItem,
    Specialty,
    State,
)
from partners.services import partner_index
from partners.taxonomy import taxonomy_load
from plpg.demo import DEMO_PASSWORD

SEED_TABLES = Path(settings.BASE_DIR) / "fixtures" / "seeds"
TODAY = date(2026, 11, 1)

ALL = "*"  # national
WEST = ["CA", "OR", "WA", "NV", "AZ"]
MIDWEST = ["MN", "WI", "IA", "ND", "SD", "NE", "IL", "MI"]
SOUTH = ["TX", "LA", "MS", "AL", "GA", "TN", "AR", "OK"]
NORTHEAST = ["NY", "NJ", "PA", "CT", "MA", "RI", "VT", "NH", "ME"]
MOUNTAIN = ["CO", "UT", "NM", "ID", "MT", "WY"]
SOUTHEAST = ["FL", "GA", "SC", "NC", "VA"]
MIDATLANTIC = ["MD", "DE", "DC", "VA", "WV", "PA"]


def P(slug, name, hq, states, summary, about, *, phases, areas, curricula=(), pl=(),
      delivery=("virtual", "in-person", "hybrid"), grades=("k-2", "3-5"), cost=("100k-500k",),
      special=(), context=("urban", "10000-50000"), reviewed=30):  # fmt: skip
    """One demo partner's specification."""
    return {
        "slug": slug, "name": name, "hq": hq, "states": states, "summary": summary,
        "about": about, "phases": phases, "areas": areas, "curricula": curricula, "pl": pl,
        "delivery": delivery, "grades": grades, "cost": cost, "special": special,
        "context": context, "reviewed": reviewed,
    }  # fmt: skip


# fmt: off
PARTNERS = [
    # The six the other apps' demo data names (common.md "Shared names").
    P("northstar-math-collaborative", "Northstar Math Collaborative", "CA", WEST,
      "Launch and sustain Illustrative Mathematics with coaches, teachers and leaders pulling in one direction.",
      "Northstar is a team of former math teachers, coaches and district math directors who have "
      "supported Illustrative Mathematics implementations since 2017. We co-design an implementation "
      "plan with district leaders, train teachers and coaches for launch, and stay on through the "
      "years that follow with coach PLCs, instructional rounds and a cross-role implementation team.",
      phases=["launch", "ongoing-teachers", "ongoing-leaders"], areas=["math"],
      curricula=["illustrative-mathematics"],
      pl=["curriculum-launch-training", "instructional-coaching", "systems-design-and-leadership", "walkthroughs"],
      grades=["k-2", "3-5", "6-8"], cost=["50k-100k", "100k-500k"],
      special=["multilingual-learners", "culturally-responsive-teaching"],
      context=("urban", "over-100000"), reviewed=12),
    P("catalyst-math-coaching", "Catalyst Math Coaching", "CO", ALL,
      "Builds school and district leaders' capacity to lead content-specific math professional learning.",
      "Catalyst works with principals, assistant principals and district math leaders. Our year-long "
      "leader support combines walkthroughs with the Instructional Practice Guide, action planning in "
      "short improvement cycles and on-site coaching with gradual release, so that leaders can sustain "
      "strong collaborative planning, data practices and coaching after we leave.",
      phases=["ongoing-leaders"], areas=["math"],
      curricula=["illustrative-mathematics", "eureka-math-squared", "zearn-math"],
      pl=["leadership-development", "walkthroughs", "instructional-coaching"],
      grades=["k-2", "3-5", "6-8", "9-12"], cost=["50k-100k", "100k-500k"],
      context=("suburban", "10000-50000"), reviewed=45),
    P("summit-instructional-partners", "Summit Instructional Partners", "TX", ALL,
      "Adoption facilitation and launch support for math and ELA, from the review rubric to day one.",
      "Summit guides districts through choosing high-quality instructional materials and getting "
      "ready to use them. We facilitate adoption committees with transparent review rubrics, run "
      "classroom pilots, prepare board presentations and then plan the launch: materials logistics, "
      "summer institutes and the first weeks of school.",
      phases=["adoption", "launch"], areas=["math", "ela"],
      curricula=["eureka-math-squared", "illustrative-mathematics", "wit-and-wisdom", "amplify-ckla"],
      pl=["adoption-facilitation", "curriculum-launch-training"],
      grades=["k-2", "3-5", "6-8", "9-12"], cost=["100k-500k", "500k-1m"],
      context=("suburban", "50000-100000"), reviewed=20),
    P("bright-path-learning", "Bright Path Learning", "GA", SOUTH + SOUTHEAST,
      "Helps elementary and middle schools choose, launch and teach a new math curriculum well.",
      "Bright Path is a regional team that stays with a district from adoption through the first two "
      "years of use. Teachers get hands-on launch institutes and then monthly collaborative planning "
      "and coaching cycles; district leaders get a clear adoption process and a launch plan.",
      phases=["adoption", "launch", "ongoing-teachers"], areas=["math"],
      curricula=["eureka-math-squared", "zearn-math", "bridges-in-mathematics"],
      pl=["adoption-facilitation", "curriculum-launch-training", "collaborative-planning", "instructional-coaching"],
      grades=["k-2", "3-5", "6-8"], cost=["50k-100k", "100k-500k"],
      special=["students-with-disabilities"], context=("town", "2500-10000"), reviewed=60),
    P("ember-literacy-partners", "Ember Literacy Partners", "OR", WEST + MOUNTAIN,
      "K–5 literacy launch and coaching that keeps knowledge-building and foundational skills together.",
      "Ember's literacy coaches support elementary teachers as they launch and then teach "
      "knowledge-building ELA curricula. Launch institutes are followed by grade-level planning "
      "meetings and in-classroom coaching cycles focused on complex text, writing and foundational skills.",
      phases=["launch", "ongoing-teachers"], areas=["ela"],
      curricula=["el-education", "amplify-ckla", "wit-and-wisdom"],
      pl=["curriculum-launch-training", "instructional-coaching", "collaborative-planning"],
      grades=["k-2", "3-5"], cost=["50k-100k", "100k-500k"],
      special=["multilingual-learners", "science-of-reading"], context=("urban", "10000-50000"), reviewed=25),
    P("prairie-reading-institute", "Prairie Reading Institute", "MN", MIDWEST,
      "Science-of-reading professional learning for rural and small-town elementary schools.",
      "Prairie Reading Institute supports small and rural districts that are launching a new K–5 "
      "ELA curriculum grounded in the science of reading. Our coaches travel to schools each month and "
      "meet teachers virtually in between, so even a district with one elementary school gets steady, "
      "curriculum-specific coaching.",
      phases=["launch", "ongoing-teachers"], areas=["ela"],
      curricula=["amplify-ckla", "ufli-foundations", "bookworms"],
      pl=["curriculum-launch-training", "instructional-coaching"],
      grades=["k-2", "3-5"], cost=["under-50k", "50k-100k"],
      special=["science-of-reading"], context=("rural", "under-2500"), reviewed=8),
    # The rest of the directory.
    P("riverbend-science-studio", "Riverbend Science Studio", "WA", WEST,
      "OpenSciEd launch and coaching for middle and high school science teachers.",
      "Riverbend's facilitators are certified OpenSciEd professional learning providers. We run the "
      "launch units teachers need before each storyline and coach departments as they learn to lead "
      "phenomenon-based, student-driven science.",
      phases=["launch", "ongoing-teachers"], areas=["science"], curricula=["openscied"],
      pl=["curriculum-launch-training", "instructional-coaching"], grades=["6-8", "9-12"],
      cost=["50k-100k"], context=("suburban", "10000-50000"), reviewed=90),
    P("keystone-curriculum-group", "Keystone Curriculum Group", "PA", NORTHEAST + MIDATLANTIC,
      "Runs transparent, stakeholder-driven adoptions of ELA and math materials.",
      "Keystone designs adoption processes that teachers, families and boards trust: review teams "
      "trained on quality rubrics, community input sessions and piloting protocols that produce "
      "evidence, not opinions.",
      phases=["adoption"], areas=["ela", "math"], pl=["adoption-facilitation"],
      delivery=["in-person", "hybrid"], grades=["k-2", "3-5", "6-8", "9-12"], cost=["under-50k", "50k-100k"],
      context=("suburban", "2500-10000"), reviewed=120),
    P("lumen-leadership-lab", "Lumen Leadership Lab", "IL", ALL,
      "Principal networks that turn curriculum walkthroughs into better instruction.",
      "Lumen convenes principals and assistant principals in small networks that meet monthly. "
      "Leaders norm on curriculum-specific walkthrough tools, study student work together and plan "
      "feedback that teachers can act on the next day.",
      phases=["ongoing-leaders"], areas=["ela", "math"], curricula=["el-education", "illustrative-mathematics"],
      pl=["leadership-development", "walkthroughs"], delivery=["virtual", "hybrid"],
      grades=["k-2", "3-5", "6-8"], cost=["under-50k", "50k-100k"], context=("urban", "50000-100000"), reviewed=33),
    P("cornerstone-ela-collaborative", "Cornerstone ELA Collaborative", "NY", NORTHEAST,
      "Wit & Wisdom and EL Education coaching that keeps rigorous text at the centre.",
      "Cornerstone's coaches are former ELA teachers and literacy coaches. We plan modules alongside "
      "grade-level teams, model lessons and debrief with teachers so that every student works with "
      "complex, grade-level text.",
      phases=["launch", "ongoing-teachers"], areas=["ela"], curricula=["wit-and-wisdom", "el-education"],
      pl=["instructional-coaching", "collaborative-planning"], grades=["k-2", "3-5", "6-8"],
      cost=["100k-500k"], special=["multilingual-learners"], context=("urban", "over-100000"), reviewed=15),
    P("pinecrest-stem-partners", "Pinecrest STEM Partners", "NC", SOUTHEAST,
      "Elementary science and math launch support for districts new to hands-on curricula.",
      "Pinecrest helps elementary teachers get comfortable with kit-based science and concrete-"
      "representational math. Launch days are hands-on, and follow-up coaching happens in classrooms.",
      phases=["launch"], areas=["science", "math"],
      curricula=["foss-next-generation", "mystery-science", "bridges-in-mathematics"],
      pl=["curriculum-launch-training"], delivery=["in-person"], grades=["k-2", "3-5"],
      cost=["under-50k", "50k-100k"], context=("town", "2500-10000"), reviewed=200),
    P("harborlight-education", "Harborlight Education", "MA", ALL,
      "System-wide implementation strategy for large districts adopting HQIM in several subjects.",
      "Harborlight works with superintendents and cabinets on multi-year implementation strategy: "
      "sequencing adoptions, aligning budgets and PL calendars, and coordinating several partners "
      "so that teachers experience one coherent system of support.",
      phases=["adoption", "ongoing-leaders"], areas=["ela", "math", "science"],
      pl=["systems-design-and-leadership", "leadership-development"], delivery=["hybrid", "in-person"],
      grades=["k-2", "3-5", "6-8", "9-12"], cost=["500k-1m", "over-1m"], context=("urban", "over-100000"), reviewed=70),
    P("mesa-math-institute", "Mesa Math Institute", "AZ", ["AZ", "NM", "NV", "UT", "CO", "TX"],
      "Secondary math coaching for Illustrative Mathematics and CPM classrooms.",
      "Mesa supports middle and high school math departments with launch training, lesson study and "
      "coaching cycles that focus on discourse, the practice standards and access for multilingual learners.",
      phases=["launch", "ongoing-teachers"], areas=["math"],
      curricula=["illustrative-mathematics", "cpm", "open-up-resources-6-8-math"],
      pl=["curriculum-launch-training", "instructional-coaching", "collaborative-planning"],
      grades=["6-8", "9-12"], cost=["50k-100k", "100k-500k"], special=["multilingual-learners"],
      context=("suburban", "50000-100000"), reviewed=40),
    P("lantern-learning-co", "Lantern Learning Co.", "TN", SOUTH,
      "Virtual coaching for teachers in small districts, curriculum by curriculum.",
      "Lantern pairs each school with a virtual coach who knows its curriculum. Teachers record "
      "short clips, meet their coach every two weeks and join cross-district planning sessions with "
      "peers teaching the same units.",
      phases=["ongoing-teachers"], areas=["ela", "math"],
      curricula=["amplify-ckla", "eureka-math-squared", "into-reading"],
      pl=["instructional-coaching", "collaborative-planning"], delivery=["virtual"],
      grades=["k-2", "3-5", "6-8"], cost=["under-50k"], context=("rural", "under-2500"), reviewed=55),
    P("evergreen-instructional-design", "Evergreen Instructional Design", "WA", WEST + MOUNTAIN,
      "Adoption and launch support for high school ELA and science departments.",
      "Evergreen helps high schools review and adopt materials department by department, then "
      "launches them with summer institutes and course-alike planning days.",
      phases=["adoption", "launch"], areas=["ela", "science"],
      curricula=["odell-hs-literacy", "openscied", "amplify-science"],
      pl=["adoption-facilitation", "curriculum-launch-training"], delivery=["hybrid", "in-person"],
      grades=["9-12"], cost=["50k-100k", "100k-500k"], context=("suburban", "10000-50000"), reviewed=150),
    P("compass-coaching-network", "Compass Coaching Network", "OH", MIDWEST + ["OH", "IN", "KY"],
      "Builds in-house coaching capacity so districts can sustain curriculum-based PL.",
      "Compass trains district and school-based instructional coaches: curriculum internalization, "
      "coaching cycles, facilitation of PLCs. Our goal is that the district needs us less every year.",
      phases=["ongoing-teachers", "ongoing-leaders"], areas=["ela", "math"],
      curricula=["eureka-math-squared", "el-education", "into-reading"],
      pl=["instructional-coaching", "leadership-development"], grades=["k-2", "3-5", "6-8"],
      cost=["50k-100k", "100k-500k"], context=("suburban", "10000-50000"), reviewed=28),
    P("bayou-literacy-alliance", "Bayou Literacy Alliance", "LA", ["LA", "MS", "AL", "TX", "AR"],
      "Curriculum-based literacy coaching with deep experience in Louisiana's Tier 1 materials.",
      "Bayou Literacy Alliance supports teachers and leaders using knowledge-building ELA curricula. "
      "We combine launch training, model lessons and leader walkthroughs, and we bring special "
      "educators into planning from the start.",
      phases=["launch", "ongoing-teachers", "ongoing-leaders"], areas=["ela"],
      curricula=["amplify-ckla", "el-education", "wit-and-wisdom", "bookworms"],
      pl=["curriculum-launch-training", "instructional-coaching", "walkthroughs"], grades=["k-2", "3-5", "6-8"],
      cost=["100k-500k"], special=["students-with-disabilities", "science-of-reading"],
      context=("town", "2500-10000"), reviewed=18),
    P("granite-state-science", "Granite State Science", "NH", ["NH", "VT", "ME", "MA"],
      "Small-district science adoption, from the NGSS review to the first unit taught.",
      "Granite State Science helps small New England districts review NGSS-designed science "
      "materials and launch them with teacher leaders who will carry the work forward.",
      phases=["adoption", "launch"], areas=["science"],
      curricula=["openscied", "foss-next-generation", "amplify-science"],
      pl=["adoption-facilitation", "curriculum-launch-training"], delivery=["in-person", "virtual"],
      grades=["3-5", "6-8"], cost=["under-50k"], context=("rural", "under-2500"), reviewed=380),
    P("horizon-equity-partners", "Horizon Equity Partners", "DC", ALL,
      "Curriculum implementation with an explicit focus on access for multilingual learners and students with disabilities.",
      "Horizon's specialists help general and special educators plan together so that every student "
      "works on grade-level tasks with the right supports. We work alongside a district's curriculum "
      "partner or on our own.",
      phases=["ongoing-teachers", "ongoing-leaders"], areas=["ela", "math"],
      pl=["instructional-coaching", "leadership-development"], delivery=["hybrid", "virtual"],
      grades=["k-2", "3-5", "6-8", "9-12"], cost=["50k-100k", "100k-500k"],
      special=["students-with-disabilities", "multilingual-learners", "culturally-responsive-teaching"],
      context=("urban", "50000-100000"), reviewed=10),
    P("redwood-math-partners", "Redwood Math Partners", "CA", ["CA"],
      "California math framework-aligned launch and coaching for K–8.",
      "Redwood helps California districts launch and teach their adopted math materials in line with "
      "the state framework, with a focus on discourse and number sense in the early grades.",
      phases=["launch", "ongoing-teachers"], areas=["math"],
      curricula=["illustrative-mathematics", "bridges-in-mathematics", "amplify-desmos-math"],
      pl=["curriculum-launch-training", "instructional-coaching"], grades=["k-2", "3-5", "6-8"],
      cost=["50k-100k", "100k-500k"], special=["multilingual-learners"], context=("urban", "10000-50000"), reviewed=50),
    P("thrive-literacy-coaching", "Thrive Literacy Coaching", "FL", SOUTHEAST,
      "Foundational-skills and comprehension coaching for K–3 teachers.",
      "Thrive coaches early-grades teachers in explicit, systematic phonics and in reading "
      "comprehension within their adopted curriculum, with data cycles every six weeks.",
      phases=["ongoing-teachers"], areas=["ela"], curricula=["ufli-foundations", "into-reading", "amplify-ckla"],
      pl=["instructional-coaching", "collaborative-planning"], grades=["k-2", "3-5"],
      cost=["under-50k", "50k-100k"], special=["science-of-reading"], context=("suburban", "10000-50000"), reviewed=65),
    P("civic-roots-learning", "Civic Roots Learning", "VA", MIDATLANTIC + SOUTHEAST,
      "Social studies and civics curriculum launch and coaching for middle and high schools.",
      "Civic Roots supports social studies departments adopting inquiry-based curricula: document-based "
      "lessons, structured discussion and civic action projects, launched with teachers and coached through the year.",
      phases=["adoption", "launch", "ongoing-teachers"], areas=["social-studies"],
      pl=["adoption-facilitation", "curriculum-launch-training", "instructional-coaching"],
      grades=["6-8", "9-12"], cost=["under-50k", "50k-100k"], context=("suburban", "10000-50000"), reviewed=110),
    P("meridian-school-leadership", "Meridian School Leadership", "TX", ["TX", "OK", "LA", "NM"],
      "District and campus leadership coaching for instructional systems that support HQIM.",
      "Meridian coaches district leaders and principals to build the systems around a curriculum: "
      "PLC structures, observation and feedback, and data meetings that look at student work.",
      phases=["ongoing-leaders"], areas=["math", "ela", "science"],
      pl=["leadership-development", "systems-design-and-leadership", "walkthroughs"],
      delivery=["in-person", "hybrid"], grades=["k-2", "3-5", "6-8", "9-12"], cost=["100k-500k", "500k-1m"],
      context=("urban", "over-100000"), reviewed=22),
    P("open-sky-math", "Open Sky Math", "MT", MOUNTAIN + ["ND", "SD"],
      "Math coaching for rural schools, delivered mostly online with on-site visits each term.",
      "Open Sky understands multi-grade classrooms and long drives. We launch math curricula with "
      "virtual institutes, visit each school every term and keep a weekly virtual office hour for teachers.",
      phases=["launch", "ongoing-teachers"], areas=["math"], curricula=["zearn-math", "eureka-math-squared"],
      pl=["curriculum-launch-training", "instructional-coaching"], delivery=["virtual", "hybrid"],
      grades=["k-2", "3-5", "6-8"], cost=["under-50k"], context=("rural", "under-2500"), reviewed=95),
    P("atlas-implementation-partners", "Atlas Implementation Partners", "NJ", ALL,
      "Large-scale launches: thousands of teachers trained and supported in one school year.",
      "Atlas designs and delivers launches at scale for the largest districts and state networks: "
      "train-the-trainer models, regional institutes and a support desk for the first semester.",
      phases=["launch", "ongoing-teachers", "ongoing-leaders"], areas=["ela", "math", "science"],
      curricula=["amplify-science", "amplify-ela", "into-reading", "carnegie-learning-math"],
      pl=["curriculum-launch-training", "systems-design-and-leadership"], grades=["k-2", "3-5", "6-8", "9-12"],
      cost=["500k-1m", "over-1m"], context=("urban", "over-100000"), reviewed=5),
    P("willow-creek-consulting", "Willow Creek Consulting", "WI", ["WI", "MN", "IA", "IL"],
      "A small team that helps small districts choose materials they can sustain.",
      "Willow Creek facilitates adoption for districts that do not have curriculum directors: we "
      "bring the rubric, the calendar and the facilitation, and teachers make the decision.",
      phases=["adoption"], areas=["math", "ela", "science"], pl=["adoption-facilitation"],
      delivery=["in-person", "virtual"], grades=["k-2", "3-5", "6-8", "9-12"], cost=["under-50k"],
      context=("rural", "under-2500"), reviewed=180),
    P("coastal-science-collaborative", "Coastal Science Collaborative", "SC", SOUTHEAST,
      "Ongoing coaching for elementary science with Amplify Science and Mystery Science.",
      "Coastal Science helps elementary teachers who are new to teaching science every week: unit "
      "previews, co-teaching and notebook feedback that builds students' scientific explanations.",
      phases=["ongoing-teachers"], areas=["science"], curricula=["amplify-science", "mystery-science"],
      pl=["instructional-coaching"], grades=["k-2", "3-5"], cost=["50k-100k"],
      context=("town", "2500-10000"), reviewed=75),
    P("beacon-ela-institute", "Beacon ELA Institute", "MD", MIDATLANTIC,
      "Middle and high school ELA launch and coaching for Amplify ELA and Odell.",
      "Beacon supports secondary ELA teams with launch institutes, unit internalization protocols "
      "and coaching on discussion and writing about complex texts.",
      phases=["launch", "ongoing-teachers"], areas=["ela"], curricula=["amplify-ela", "odell-hs-literacy", "fishtank-ela"],
      pl=["curriculum-launch-training", "collaborative-planning"], grades=["6-8", "9-12"],
      cost=["50k-100k", "100k-500k"], context=("suburban", "50000-100000"), reviewed=38),
    P("tandem-coaching-collective", "Tandem Coaching Collective", "MI", ["MI", "OH", "IN", "IL", "WI"],
      "Pairs teacher coaching with principal coaching so both move together.",
      "Tandem assigns one coach to a school's teachers and its principal. Teacher coaching cycles and "
      "leader walkthroughs use the same look-fors, so feedback is consistent.",
      phases=["ongoing-teachers", "ongoing-leaders"], areas=["math", "ela"],
      curricula=["illustrative-mathematics", "eureka-math-squared", "el-education"],
      pl=["instructional-coaching", "walkthroughs", "leadership-development"], grades=["k-2", "3-5", "6-8"],
      cost=["100k-500k"], context=("urban", "10000-50000"), reviewed=27),
    P("foundations-first", "Foundations First", "KY", ["KY", "TN", "WV", "OH", "IN"],
      "Science-of-reading launch training for K–2 teachers, paraprofessionals and interventionists.",
      "Foundations First trains everyone who teaches reading in the early grades, including "
      "paraprofessionals and interventionists, in the adopted foundational-skills program.",
      phases=["launch"], areas=["ela"], curricula=["ufli-foundations", "amplify-ckla"],
      pl=["curriculum-launch-training"], delivery=["in-person", "virtual"], grades=["k-2"],
      cost=["under-50k", "50k-100k"], special=["science-of-reading", "students-with-disabilities"],
      context=("town", "2500-10000"), reviewed=48),
    P("vector-math-leadership", "Vector Math Leadership", "NY", NORTHEAST,
      "Math leadership coaching for district math directors and instructional coaches.",
      "Vector coaches the people who lead math: district math directors, coordinators and coaches. "
      "We focus on coherent PL calendars, coach PLCs and the use of student work in decision making.",
      phases=["ongoing-leaders"], areas=["math"], curricula=["illustrative-mathematics", "amplify-desmos-math"],
      pl=["leadership-development", "systems-design-and-leadership"], delivery=["virtual", "hybrid"],
      grades=["3-5", "6-8", "9-12"], cost=["50k-100k"], context=("suburban", "10000-50000"), reviewed=85),
    P("sierra-instructional-services", "Sierra Instructional Services", "NV", ["NV", "CA", "UT", "AZ"],
      "Full-cycle support: adoption, launch and two years of coaching for K–12 math.",
      "Sierra stays with a district for the whole cycle of a math adoption, so the people who helped "
      "choose the materials also help teachers use them.",
      phases=["adoption", "launch", "ongoing-teachers", "ongoing-leaders"], areas=["math"],
      curricula=["illustrative-mathematics", "carnegie-learning-math", "cpm"],
      pl=["adoption-facilitation", "curriculum-launch-training", "instructional-coaching", "leadership-development"],
      grades=["k-2", "3-5", "6-8", "9-12"], cost=["100k-500k", "500k-1m"], context=("urban", "50000-100000"), reviewed=35),
    P("north-woods-literacy", "North Woods Literacy", "ME", ["ME", "NH", "VT"],
      "Literacy coaching for very small schools, on site every month.",
      "North Woods coaches teachers in schools with one class per grade. Monthly visits include "
      "co-planning, modelling and a short data conversation with the principal.",
      phases=["ongoing-teachers"], areas=["ela"], curricula=["bookworms", "el-education"],
      pl=["instructional-coaching"], delivery=["in-person"], grades=["k-2", "3-5", "6-8"],
      cost=["under-50k"], special=["science-of-reading"], context=("rural", "under-2500"), reviewed=140),
    P("clearwater-curriculum-partners", "Clearwater Curriculum Partners", "FL", ALL,
      "Curriculum review and adoption support with student and family voice built in.",
      "Clearwater runs adoptions that listen to students and families as well as teachers: student "
      "focus groups on sample lessons, family nights and transparent scoring.",
      phases=["adoption"], areas=["ela", "math", "science", "social-studies"], pl=["adoption-facilitation"],
      delivery=["hybrid", "virtual"], grades=["k-2", "3-5", "6-8", "9-12"], cost=["50k-100k"],
      special=["culturally-responsive-teaching"], context=("urban", "50000-100000"), reviewed=58),
    P("quantum-science-learning", "Quantum Science Learning", "CO", MOUNTAIN + WEST,
      "Secondary science: OpenSciEd and IQWST launch and teacher leader development.",
      "Quantum develops teacher leaders in secondary science who then lead their colleagues' "
      "learning, with launch units and virtual storyline planning sessions.",
      phases=["launch", "ongoing-leaders"], areas=["science"], curricula=["openscied", "iqwst"],
      pl=["curriculum-launch-training", "leadership-development"], grades=["6-8", "9-12"],
      cost=["100k-500k"], context=("suburban", "10000-50000"), reviewed=44),
    P("greenfield-learning-partners", "Greenfield Learning Partners", "IA", MIDWEST,
      "Hybrid coaching for K–8 math and ELA in small-town districts.",
      "Greenfield combines a few on-site days a year with short, frequent virtual coaching, which "
      "keeps costs down for small-town districts without losing the in-classroom work.",
      phases=["launch", "ongoing-teachers"], areas=["math", "ela"],
      curricula=["bridges-in-mathematics", "into-reading", "eureka-math-squared"],
      pl=["instructional-coaching", "curriculum-launch-training"], delivery=["hybrid"],
      grades=["k-2", "3-5", "6-8"], cost=["under-50k", "50k-100k"], context=("town", "2500-10000"), reviewed=62),
    P("metro-instructional-leaders", "Metro Instructional Leaders", "IL", ["IL", "IN", "WI", "MI", "OH", "MO"],
      "Leadership development for urban principals implementing HQIM across subjects.",
      "Metro runs a year-long fellowship for urban principals: observation and feedback with "
      "curriculum-specific tools, master scheduling for collaborative planning and leading adult learning.",
      phases=["ongoing-leaders"], areas=["ela", "math", "science"],
      pl=["leadership-development", "walkthroughs"], delivery=["in-person", "hybrid"],
      grades=["k-2", "3-5", "6-8", "9-12"], cost=["100k-500k"], context=("urban", "over-100000"), reviewed=31),
    P("blue-ridge-education-collaborative", "Blue Ridge Education Collaborative", "VA", ["VA", "WV", "NC", "TN", "KY"],
      "Appalachian districts' partner for math and ELA implementation, from launch to leadership.",
      "Blue Ridge supports rural and small-town districts across Appalachia with launch training, "
      "teacher coaching and principal walkthroughs, all from coaches who live in the region.",
      phases=["launch", "ongoing-teachers", "ongoing-leaders"], areas=["math", "ela"],
      curricula=["eureka-math-squared", "amplify-ckla", "ufli-foundations"],
      pl=["curriculum-launch-training", "instructional-coaching", "walkthroughs"], grades=["k-2", "3-5", "6-8"],
      cost=["50k-100k"], special=["science-of-reading"], context=("rural", "2500-10000"), reviewed=19),
    P("pathway-hs-math", "Pathway High School Math", "GA", ALL,
      "Algebra and geometry course launches with teacher collaboratives for high schools.",
      "Pathway launches high school math courses with summer institutes and keeps course-alike "
      "teacher collaboratives meeting virtually every month.",
      phases=["launch", "ongoing-teachers"], areas=["math"],
      curricula=["illustrative-mathematics", "carnegie-learning-math", "cpm"],
      pl=["curriculum-launch-training", "collaborative-planning"], delivery=["virtual", "in-person"],
      grades=["9-12"], cost=["50k-100k", "100k-500k"], context=("suburban", "10000-50000"), reviewed=52),
    P("cascade-adoption-advisors", "Cascade Adoption Advisors", "OR", WEST,
      "Adoption advisors for math and science in mid-size districts.",
      "Cascade brings a tested adoption playbook: timelines, review rubrics, piloting protocols and "
      "communication plans for the board and families.",
      phases=["adoption"], areas=["math", "science"], pl=["adoption-facilitation"],
      delivery=["virtual", "hybrid"], grades=["k-2", "3-5", "6-8", "9-12"], cost=["50k-100k", "100k-500k"],
      context=("suburban", "10000-50000"), reviewed=100),
    P("unity-multilingual-learning", "Unity Multilingual Learning", "TX", ["TX", "CA", "AZ", "NM", "FL", "IL", "NY"],
      "Designated and integrated ELD support inside the adopted ELA and math curricula.",
      "Unity helps teachers plan language supports for the lessons they already teach, so multilingual "
      "learners engage with the same grade-level work as their peers.",
      phases=["ongoing-teachers"], areas=["ela", "math"], curricula=["el-education", "illustrative-mathematics", "into-reading"],
      pl=["instructional-coaching", "collaborative-planning"], grades=["k-2", "3-5", "6-8", "9-12"],
      cost=["50k-100k", "100k-500k"], special=["multilingual-learners"], context=("urban", "over-100000"), reviewed=14),
    P("frontier-stem-alliance", "Frontier STEM Alliance", "WY", MOUNTAIN,
      "Math and science launch for remote districts, mostly virtual.",
      "Frontier delivers curriculum launches to remote districts through live virtual institutes and "
      "a small number of regional in-person days.",
      phases=["launch"], areas=["math", "science"], curricula=["zearn-math", "mystery-science", "foss-next-generation"],
      pl=["curriculum-launch-training"], delivery=["virtual"], grades=["k-2", "3-5", "6-8"],
      cost=["under-50k"], context=("rural", "under-2500"), reviewed=210),
]
# fmt: on

# Not on the public directory: they show how curators' statuses work.
UNPUBLISHED = [
    ("aurora-learning-draft", "Aurora Learning (draft)", Partner.Status.DRAFT),
    ("legacy-pd-services", "Legacy PD Services (archived)", Partner.Status.ARCHIVED),
]

PHASE_ROWS = {
    "adoption": [
        (
            "September",
            "Adoption committee",
            "Adoption kick-off and vision setting (in-person)",
            "Agree on the instructional vision, the review rubric and the adoption calendar; name the committee's roles.",
        ),  # fmt: skip
        (
            "October – November",
            "Teacher reviewers",
            "Materials review training (virtual)",
            "Norm reviewers on the quality rubric with sample lessons; score the shortlisted materials with evidence.",
        ),  # fmt: skip
        (
            "January – February",
            "Pilot teachers, students",
            "Classroom pilot support (hybrid)",
            "Teach sample units from the two finalists; collect student work and student and teacher feedback.",
        ),  # fmt: skip
        (
            "March",
            "Committee, district leaders",
            "Recommendation and board preparation (virtual)",
            "Summarise the evidence, draft the recommendation and prepare the board presentation and family communication.",
        ),  # fmt: skip
    ],
    "launch": [
        (
            "May – June",
            "District leaders, principals",
            "Launch planning (virtual)",
            "Plan materials distribution, the summer institute, pacing guides and the first-month support calendar.",
        ),  # fmt: skip
        (
            "August",
            "Teachers",
            "Curriculum launch institute (in-person)",
            "Experience lessons as students, study the curriculum's design and internalize the first unit.",
        ),  # fmt: skip
        (
            "September – October",
            "Teachers, coaches",
            "First-unit check-ins (virtual)",
            "Short sessions after school to troubleshoot pacing, materials and routines in the first weeks.",
        ),  # fmt: skip
    ],
    "ongoing-teachers": [
        (
            "Monthly",
            "Grade-level teams",
            "Collaborative planning (hybrid)",
            "Internalize upcoming lessons, anticipate student thinking and plan supports for students who need them.",
        ),  # fmt: skip
        (
            "Every two weeks",
            "Teachers",
            "Coaching cycles (in-person)",
            "Goal setting, a co-taught or observed lesson and a debrief focused on one practice at a time.",
        ),  # fmt: skip
        (
            "Quarterly",
            "Teachers, coaches",
            "Student work analysis (virtual)",
            "Look at student work from a common task and decide on next instructional moves.",
        ),  # fmt: skip
    ],
    "ongoing-leaders": [
        (
            "Monthly",
            "Principals, assistant principals",
            "Instructional leadership network (virtual)",
            "Norm on a curriculum-specific walkthrough tool and plan feedback and support for teachers.",
        ),  # fmt: skip
        (
            "Fall and spring",
            "School and district leaders",
            "Joint walkthroughs (in-person)",
            "Observe classrooms together, identify trends, bright spots and next steps for the school.",
        ),  # fmt: skip
        (
            "Quarterly",
            "District leaders",
            "Progress monitoring and step-back (virtual)",
            "Review progress toward implementation goals and adjust the plan with the partner.",
        ),  # fmt: skip
    ],
}

LOCALE_WORDS = {"urban": "urban", "suburban": "suburban", "town": "small-town", "rural": "rural"}
BAND_WORDS = {
    "under-2500": "fewer than 2,500 students",
    "2500-10000": "about 6,000 students",
    "10000-50000": "about 30,000 students",
    "50000-100000": "about 75,000 students",
    "over-100000": "more than 100,000 students",
}

SEEDED = {
    "northstar-math-collaborative": "scope-sequence-engagement-im.txt",
    "catalyst-math-coaching": "scope-sequence-leaders-math.txt",
}


def _terms(model, slugs):
    return list(model.objects.filter(slug__in=slugs))


def _sample_engagement(partner, spec, phases):
    """A generated sample engagement from the partner's phases and district context."""
    locale, band = spec["context"]
    curriculum = Curriculum.objects.filter(slug__in=spec["curricula"][:1]).first()
    area = ContentArea.objects.filter(slug=spec["areas"][0]).first()
    subject = curriculum.name if curriculum else area.name
    place = f"{'an' if LOCALE_WORDS[locale][0] in 'aeiou' else 'a'} {LOCALE_WORDS[locale]} district"
    title = f"{subject} in {place}"
    # Earlier demo data said "a urban district": rename it rather than add a second one.
    SampleEngagement.objects.filter(
        partner=partner, title=f"{subject} in a {LOCALE_WORDS[locale]} district"
    ).exclude(title=title).update(title=title)
    engagement, created = SampleEngagement.objects.get_or_create(
        partner=partner,
        title=title,
        defaults={
            "curriculum": curriculum,
            "content_area": curriculum.content_area if curriculum else area,
            "pl_type": PLType.objects.filter(slug__in=spec["pl"][:1]).first(),
            "cost_band": CostBand.objects.filter(slug=spec["cost"][-1]).first(),
            "district_context": (
                f"{place.capitalize()} with {BAND_WORDS[band]}. "
                f"We worked with teachers and leaders in {len(phases) * 4 + 3} schools."
            ),
            "locale": locale,
            "enrollment_band": band,
            "goals": (
                f"Help every teacher use {subject} as designed so that all students, including "
                "those who have been furthest from grade-level work, do the thinking in each lesson."
            ),
            "notes": "Demo data: a fictional engagement.",
        },
    )
    if created:
        rows = [row for phase in phases for row in PHASE_ROWS[phase]][:8]
        SequenceItem.objects.bulk_create(
            SequenceItem(
                sample_engagement=engagement,
                position=n,
                timing=timing,
                participants=who,
                name=name,
                format=format_of(name),
                description=text,
            )
            for n, (timing, who, name, text) in enumerate(rows)
        )
    return engagement


def partner_from_spec(spec) -> Partner:
    """Create the demo partner of spec if it is missing; never overwrite a curator's edits."""
    hq = State.objects.get(code=spec["hq"])
    partner, created = Partner.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "summary": spec["summary"],
            "description": spec["about"],
            "website": f"https://{spec['slug']}.example.org",
            "contact_name": "Partnerships team",
            "contact_email": f"hello@{spec['slug']}.example.org",
            "hq_state": hq,
            "national": spec["states"] == ALL,
            "status": Partner.Status.PUBLISHED,
            "is_demo": True,
            "last_reviewed": TODAY - timedelta(days=spec["reviewed"]),
        },
    )
    if created:
        partner.phases.set(_terms(Phase, spec["phases"]))
        partner.content_areas.set(_terms(ContentArea, spec["areas"]))
        partner.curricula.set(_terms(Curriculum, spec["curricula"]))
        partner.pl_types.set(_terms(PLType, spec["pl"]))
        partner.delivery_formats.set(_terms(DeliveryFormat, spec["delivery"]))
        partner.grade_bands.set(_terms(GradeBand, spec["grades"]))
        partner.cost_bands.set(_terms(CostBand, spec["cost"]))
        partner.specialties.set(_terms(Specialty, spec["special"]))
        if spec["states"] != ALL:
            partner.states_served.set(
                State.objects.filter(code__in=set(spec["states"]) | {spec["hq"]})
            )
    return partner


def seed_demo(stdout=None):
    """The taxonomy, the demo partners with sample engagements, and the two seed tables."""
    taxonomy_load()
    for spec in PARTNERS:
        partner = partner_from_spec(spec)
        if spec["slug"] in SEEDED:
            text = (SEED_TABLES / SEEDED[spec["slug"]]).read_text(encoding="utf-8")
            title = engagement_title(parse_scope_sequence(text))
            if not partner.sample_engagements.filter(title=title).exists():
                import_scope_sequence(text=text, partner=partner, title=title)
        if spec["slug"] != "catalyst-math-coaching":
            _sample_engagement(partner, spec, spec["phases"])
        claims_from_listing(partner=partner)
        partner_index(partner=partner)
    for slug, name, status in UNPUBLISHED:
        partner, _ = Partner.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "status": status,
                "is_demo": True,
                "summary": "Not shown in the public directory.",
            },  # fmt: skip
        )
    seed_portal(password=DEMO_PASSWORD, stdout=stdout)
    if stdout:
        stdout.write(f"partners: {len(PARTNERS)} demo partners")
