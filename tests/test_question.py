"""What a question asks for (question.frame) and what kinds of answer a sentence holds."""

import pytest
import yaml
from conftest import CORPUS

from assistant.question import answer_kinds, frame
from assistant.roles import RoleBook

ROLES = RoleBook.from_dicts(yaml.safe_load((CORPUS / "roles.yaml").read_text())["roles"])


@pytest.mark.parametrize(
    "question, expects",
    [
        ("What does a data scientist earn?", "money"),
        ("How many people are on the team?", "number"),
        ("How long does it take a data scientist to make senior?", "duration"),
        ("How many weeks of parental leave do data scientists get?", "duration"),
        ("How many days a week must a data scientist be in the office?", "frequency"),  # how often
        ("Why is the ML engineer salary higher?", "reason"),  # a reason, not an amount
        ("Which tools do ML engineers use?", "names"),
        ("What do ML engineers use to deploy models?", "names"),  # a thing they use: a name
        ("What degree does an ML engineer need?", "degree"),
        ("Which certification must a new ML engineer earn?", "degree"),  # earning a credential
        ("What can an ML engineer with a master's degree earn?", "money"),  # pay, whatever the degree
        ("What do licensed ML engineers earn?", "money"),
        ("What is the hourly rate of an ML engineer?", "money"),
        ("How big is the data science team?", "number"),
        ("What is an ML engineer's bonus based on?", "reason"),  # a basis, not an amount
        ("How is the variable pay of data scientists calculated?", "reason"),
        ("What equipment are ML engineers given?", "names"),
        ("Will the pay of data scientists keep going up?", None),  # a trend, not an amount
        ("Who deploys models?", None),
        ("Who do data scientists report to?", "superior"),  # a person's title
        ("Who leads the team?", "superior"),
        ("Who is a nurse practitioner's manager?", "superior"),
        ("Who manages the models in production?", None),  # a role, not a boss
        ("Who makes more?", None),  # a role
        ("Which earns more, an ML engineer or a data scientist?", "money"),  # the named roles' amounts
        ("What are the working hours of an ML engineer?", "schedule"),
        ("What shift pattern do data scientists work?", "schedule"),
        ("What do ML engineers use to schedule their jobs?", "names"),  # to schedule: a tool
        ("How much paid time off does a data scientist get?", "duration"),  # days of time off, not money
        ("How many hours a week do ML engineers work?", "number"),
        ("Who's the data scientist's boss?", "superior"),
        ("How many employees does the data science team pay?", "number"),  # a count, whatever the verb
        ("Is overtime paid for ML engineers?", None),  # whether, answered by a statement
        ("Do data scientists get paid overtime?", None),
        ("How is overtime paid?", None),
        ("What does an ML engineer do?", "duties"),
        ("What does a data scientist actually do day to day?", "duties"),
        ("What does an MLE mostly spend time on?", "duties"),  # what fills their time: their work
        ("What do ML engineers spend most of their working day doing?", "duties"),
        ("What are a data scientist's main responsibilities?", "duties"),
        ("Do data scientists have on-call duties?", None),  # on call, not what they do
        ("What do I need to do to become an ML engineer?", None),
        ("What do data scientists do with the data?", None),
        ("who's the data scientists' boss?", "superior"),  # a plural's possessive
        ("what certs do data scientists need", "degree"),
        ("Do data scientists get sick pay?", None),  # whether, answered by a statement
    ],
)
def test_the_kind_of_answer_a_question_asks_for(question, expects):
    assert frame(question, ROLES).expects == expects


@pytest.mark.parametrize(
    "sentence, holds, lacks",
    [
        ("Most move up after two to three years.", {"duration"}, {"money"}),
        ("They are promoted after about eighteen months.", {"duration"}, set()),
        ("You are reassessed every two years.", set(), {"duration"}),  # how often, no length of time
        ("Senior analysts average $141,000 a year.", {"money"}, {"duration"}),  # a rate, not a duration
        ("They earn more, probably due to their higher technical skills.", {"reason"}, {"money"}),
        ("The bonus depends on forecast accuracy.", {"reason"}, {"money"}),
        ("They build the models.", set(), {"reason", "duration", "money", "number"}),
        ("Day-to-day work happens in Kubernetes, Terraform and Prometheus.", {"names"}, set()),
        ("Both report to the Director of Infrastructure.", set(), {"names"}),  # a title, not a tool
        ("The team reports to the Head of Design.", {"superior"}, {"names"}),
        ("SAP IBP is used for demand planning.", {"names"}, set()),  # an acronym opening the sentence
        ("ZoomInfo finds the contact data.", {"names"}, set()),  # a camel-cased name
        ("Planners work in the office.", set(), {"names"}),  # a first word is just capitalised
        ("PhD holders earn more.", set(), {"names"}),  # a degree, not a tool's name
        ("Monday to Friday, 7:00 a.m. to 3:30 p.m., on site.", {"schedule"}, {"money"}),
        ("They work three 12-hour shifts a week.", {"schedule"}, set()),
        ("The shift target is 145 units per hour.", set(), {"schedule"}),  # a rate, not when
        ("Min. 4 yrs post-grad exp.", {"duration"}, set()),  # a terse note's short forms
        ("Hybrid, with 3 office days per week.", {"frequency"}, {"duration"}),  # how often, not how long
        ("Up to 2 days a week from home.", {"frequency"}, {"duration"}),
        ("Six weeks of paid parental leave.", {"duration"}, {"frequency"}),
        ("They work three 12-hour shifts.", {"duration"}, set()),
        ("Overnight shifts carry a differential of $2.00 an hour.", {"money"}, {"duration"}),  # a rate
    ],
)
def test_the_kinds_of_answer_a_sentence_holds(sentence, holds, lacks):
    kinds = answer_kinds(sentence)
    assert holds <= kinds and not lacks & kinds


def test_the_words_of_a_comparison_say_how_to_answer_not_what_about():
    from assistant.keyword import Analyzer

    roles = RoleBook.from_dicts([{"id": "ae", "name": "account executive"}, {"id": "sdr", "name": "SDR rep"}])
    asked = frame("What is the difference between an SDR rep and an account executive?", roles)
    assert asked.comparison and "differ" in asked.asking_terms(Analyzer())


def test_the_words_that_ask_for_a_rate_or_a_superior_are_not_its_topic():
    from assistant.keyword import Analyzer

    asking = frame("How much does an ML engineer make a year?", ROLES).asking_terms(Analyzer())
    assert "year" in asking
    assert "annual" not in frame("Do data scientists get an annual bonus?", ROLES).asking_terms(Analyzer())
    led = frame("Who leads the machine learning researchers?", ROLES)
    assert led.expects == "superior" and "lead" in led.asking_terms(Analyzer())
    assert frame("Who oversees the servers?", ROLES).expects is None  # servers are not people
    answers = frame("Who does a data scientist answer to?", ROLES)
    assert answers.expects == "superior" and "answer" in answers.asking_terms(Analyzer())
    # what follows is asked by "next step up", answered by the next item of a route
    after = frame("What's the next step up after ML engineer?", ROLES)
    assert after.asks_next and {"next", "step"} <= after.asking_terms(Analyzer())
    promoted = frame("What can a night auditor be promoted to?", ROLES)  # what it asks, not a topic a line must hold
    assert promoted.asks_next and "progress" in promoted.asking_terms(Analyzer())  # (promoted is progressed)
    # "shift pattern" is what a schedule answers, "four 10-hour days" is one
    pattern = frame("What shift pattern do data scientists work?", ROLES)
    assert pattern.expects == "schedule" and {"shift", "pattern"} <= pattern.answered_by_kind(Analyzer())
    assert "schedule" in answer_kinds("They work four 10-hour days followed by three days off.")


def test_a_holiday_allowance_is_time_off_not_money():
    assert frame("what's the holiday allowance for data scientists", ROLES).expects is None  # trial 53
    assert frame("what is the on call allowance for ML engineers", ROLES).expects == "money"


def test_money_in_a_currency_code_and_how_pay_is_made():
    assert "money" in answer_kinds("The base salary for an FST is GBP 36,500 per year.")
    assert "money" in answer_kinds("Those shifts are paid at time and a third.")  # a multiplier of pay
    # ... or in pence (trial 48's "Late premium: an extra 55p per hour"), not a "5p bag"
    assert "money" in answer_kinds("Late premium: an extra 55p per hour for every hour worked after 8pm.")
    assert "money" in answer_kinds("Mileage is paid at 45p a mile.")
    assert "money" not in answer_kinds("Bring a 5p bag and your Step 3p sheet.")
    assert frame("How is overtime paid for ML engineers?", ROLES).expects is None  # how, not how much
    assert frame("How often are ML engineers paid?", ROLES).expects is None  # when, not how much
    # "how much does X get?" asks their pay (trial 61), "how much holiday do they get?" not
    assert frame("how much does a trainee ML engineer get", ROLES).expects == "money"
    assert frame("how much holiday do ML engineers get?", ROLES).expects != "money"
    assert frame("how much does an ML engineer get an hour?", ROLES).expects == "money"


def test_two_roles_one_or_the_other_are_each_answered_unless_it_asks_which():
    assert frame("Do data scientists or ML engineers get paid overtime?", ROLES).comparison
    assert not frame("Who tunes the models, the data scientist or the ML engineer?", ROLES).comparison
    assert frame("What software do data scientists use?", ROLES).expects == "names"


def test_short_forms_of_terse_notes_are_read_as_their_words():
    from assistant.keyword import Analyzer

    terms = Analyzer().terms(["Min. 4 yrs post-grad exp.", "years of experience", "HR mgr, 37 hrs/wk"])
    assert {"year", "experi"} <= set(terms[0]) and {"year", "experi"} <= set(terms[1])
    assert terms[2] == ["hr", "manag", "37", "hour", "week"]  # "HR" stays HR
    assert Analyzer().terms(["what certs do they need"]) == Analyzer().terms(["what certifications do they need"])


@pytest.mark.parametrize(
    "question, asks_next",
    [
        ("What is the next step after Senior Product Owner?", True),
        ("What comes after senior hygienist in the career path?", True),
        ("Where can a BI analyst go after making senior?", True),
        ("Once the models are tuned, what comes next?", True),
        ("What can kennel assistants progress to?", True),
        ("Where can an analyst get promoted to?", True),
        ("What can a night auditor be promoted to?", True),
        # trials 48 and 50: promotion and a career path asked another way
        ("can a checkout supervisor get promoted, what to?", True),
        ("how can a nail tech get promoted", True),
        ("what's the career path for a body therapist", True),
        ("how do I become a chartered QS", False),
        ("how long does it take to get promoted?", False),  # how long, not what follows
        ("how is progress reviewed during probation?", False),
        ("What is the hourly pay after two years?", False),  # a value at a time, not what follows
        ("What has to be written up after an outage?", False),
        ("How long after joining is the first review?", False),
    ],
)
def test_a_question_asking_what_follows_something(question, asks_next):
    assert frame(question, ROLES).asks_next is asks_next


def test_what_a_role_does_is_said_outright_or_under_a_heading_that_says_so():
    from assistant.described import describe
    from assistant.keyword import Analyzer
    from assistant.record import Record, RecordKind

    def kinds(section: str, text: str) -> frozenset[str]:
        passage = Record("p.md#0", RecordKind.PASSAGE, "p.md", "P", section, 0, len(text), text, ((0, len(text)),))
        return describe(passage, ROLES, Analyzer()).sentences[0].kinds

    assert "duties" in kinds("Tools", "Simply put, a data scientist will analyze data and gather insights.")
    assert "duties" in kinds("Team", "They lead the kitchen brigade when the Head Chef is off.")
    assert "duties" in kinds("What you'll do", "Weekly prep lists and stock ordering.")  # the heading says so
    assert "duties" not in kinds("Pay", "Data scientists also receive a yearly bonus of 10%.")  # having, not doing
    assert "duties" not in kinds("Hours", "They may work one remote day a week.")


def test_a_bound_on_an_amount_is_no_comparison():
    from assistant.question import LESS, MORE

    assert not LESS.search("To become a shift lead, a barista needs at least 6 months with us.")
    assert not MORE.search("They work at most two night shifts a week.")
    assert LESS.search("Baristas earn less than shift leads.") and MORE.search("Shift leads earn the most.")


def test_what_a_page_says_of_itself_says_nothing_and_a_level_code_does_nothing():
    from assistant.described import describe
    from assistant.keyword import Analyzer
    from assistant.record import Record, RecordKind

    def sentence(text: str):
        passage = Record("w.txt#0", RecordKind.PASSAGE, "w.txt", "W", "Levels", 0, len(text), text, ((0, len(text)),))
        return describe(passage, ROLES, Analyzer()).sentences[0]

    assert not sentence("Maintained by: Research Ops (ResOps).").says_something
    assert not sentence("Last updated by HR Business Partnering, May 2024.").says_something
    assert sentence("Data scientists maintain the models.").says_something
    assert "duties" not in sentence("DS I - Associate Data Scientist (0-2 years)").kinds  # "I" is no verb
    assert not sentence("Is overtime paid for night auditors?").says_something  # an FAQ's question line
    assert not sentence("Space: IT Operations > Service Desk.").says_something  # a wiki's place


def test_rotas_of_days_on_and_off_and_how_much_extra_trials_sixty_four_to_sixty_seven():
    """Trials 65 and 64: "stevedore shift pattern?" asks when they work; "seven days on, seven
    days off", "a week on, week off" and "a 4-on-4-off rota" say it, "two weeks on the tug
    simulator" and a "Rotating shift premium" do not; "how much extra ...?", "paid extra for
    ...?" and a mileage rate ask an amount (not whether they are paid)."""
    assert frame("stevedore shift pattern?", ROLES).expects == "schedule"
    for said in (
        "We work seven days on, seven days off.",
        "Pilots work a week on, week off rota.",
        "a 4-on-4-off rota",
    ):
        assert "schedule" in answer_kinds(said), said
    assert "schedule" not in answer_kinds("two weeks on the tug simulator at the Warsash Maritime School")
    assert "schedule" not in answer_kinds("Rotating shift premium — Amount: 17.5% of basic salary.")
    assert frame("how much extra do ML engineers get for LNG escort jobs", ROLES).expects == "money"
    assert frame("do data scientists get paid extra for working on site?", ROLES).expects == "money"
    assert frame("what's the mileage rate for data scientists?", ROLES).expects == "money"
    assert frame("is overtime paid for data scientists?", ROLES).expects is None  # whether, still
