"""What a question asks, as far as ranking and the answer line care: which roles it names,
whether it compares roles, and whether its answer is a role ("who deploys models?")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.keyword import Analyzer
from assistant.roles import RoleBook
from assistant.titles import QUESTION_HEADS, to_singular

# Comparatives, by the way they point ("which pays more?", "which has the shorter probation?").
_MORE_WORDS = "more|higher|better|greater|bigger|larger|further|farther|closer|nearer|stronger|longer"
_LESS_WORDS = "less|lower|fewer|worse|weaker|smaller|shorter"
# Words that make a question a comparison of roles ("which pays more?", "what do both need?").
_COMPARISON = re.compile(
    rf"\b(both|common|compare[sd]?|comparison|compared|differ\w*|versus|vs|{_MORE_WORDS}|{_LESS_WORDS}|"
    r"similar\w*|same)\b",
    re.IGNORECASE,
)
# Questions whose answer is a role ("who deploys models?", "which role uses BI tools?",
# "which pays more?"), as opposed to "which languages do ML engineers know?".
_ROLE_SEEKING = re.compile(
    r"^\W*(who|whom|whose)\b|\bwhich\s+(?:of\s+(?:the|them|these)\b|(?:role|job|one|position|profession|"
    r"career|person|people|is|are|has|does|do|pays?|earns?|makes?|gets?|needs?|uses?|writes?|works?)\b)",
    re.IGNORECASE,
)
# What stands between two roles named one "or" the other ("planners or pickers": _either).
_EITHER_BETWEEN = re.compile(r"\s*,?\s+or\s+(?:an?\s+|the\s+)?", re.IGNORECASE)
# Which way a comparison points ("which pays more?" / "which pays less?").
# ("at least 6 months", "at most two shifts" bound an amount; they compare nothing)
MORE = re.compile(rf"\b({_MORE_WORDS}|(?<!at )most|highest|best|biggest|largest)\b", re.I)
LESS = re.compile(rf"\b({_LESS_WORDS}|(?<!at )least|lowest|worst|smallest)\b", re.I)
# Questions about what the roles share ("what do both need?"): their answer is not one role.
_ABOUT_BOTH = re.compile(r"\b(both|common|share[sd]?|same|similar\w*|alike|overlap\w*)\b", re.IGNORECASE)


# What kind of answer a question expects, and what a sentence holding one looks like: an
# amount of money for "what does X earn?", a number for "how many ...?", names of tools for
# "which tools ...?". The classic answer-type check of extractive question answering.
# The words that ask for pay, whatever else a question says.
_PAY_WORDS = (
    r"paid(?!\s+(?:time|leave|holidays?|vacations?|sick|days?|parental|family|training))"  # not "paid time off"
    r"|pay|pays|salar(y|ies)|income|compensation|wages?|bonus\w*"
)
# The kinds of thing a name is asked for ("which tools ...?", "what software ...?").
_THINGS = (
    r"tools?|software|stack|platforms?|technolog\w*|languages?|frameworks?|apps?|applications?|programs?|"
    r"systems?|equipment|gear|kit|hardware|devices?|instruments?|machinery|machines?|vehicles?"
)
_NAMED_THINGS = re.compile(rf"\b({_THINGS})\b", re.IGNORECASE)
# Those words, each as good as another in a sentence or heading ("Systems: ADP iHCM" names software).
THING_WORDS = (
    "tools software stack platforms technologies languages frameworks apps applications programs systems "
    "equipment gear kit hardware devices instruments machinery machines vehicles"
)
# ... several of them ("which tools?", "what software?"), not one ("which EHR system?")
_SEVERAL_THINGS = re.compile(rf"\b({'|'.join(THING_WORDS.split())})\b", re.IGNORECASE)
_EXPECTS = {
    "superior": re.compile(
        r"^\W*(who|whom)\b.*\b(report\w*|answers? to|supervis\w*)\b"
        r"|\bwho(?: is|['’]s) (?:(?:the|their|an?)\s+)?(?:[^?]*?(?:['’]s|s?['’])\s+)?(?:line\s+)?"
        r"(boss|manager|supervisor|head|lead)\b"  # "who's the HVAC technicians' boss?"
        r"|\bwho (leads|manages|heads|runs) (the|their|this|that) (team|group|department|squad)\b",
        re.IGNORECASE,
    ),
    "reason": re.compile(
        r"^\W*(why|how come)\b|\bwhat (makes|causes|explains)\b|\bbased on\b"
        r"|\bhow (is|are)\b[^?]*\b(calculated|determined|decided)\b",
        re.IGNORECASE,
    ),
    # "how many days a week ...?" asks how often; "how many weeks of leave ...?" how long
    "frequency": re.compile(
        r"\bhow many (days|shifts|times|nights)\b[^?]*\b(a|an|per|each|every) (week|month|year|day|shift)\b",
        re.IGNORECASE,
    ),
    "duration": re.compile(
        r"\bhow long\b|\bhow many (years|months|weeks|days)\b|\bhow soon\b"
        r"|\bhow much (?:\w+ )?(?:time off|leave|holidays?|vacation|pto)\b",  # "how much paid time off ...?": days
        re.IGNORECASE,
    ),
    "money": re.compile(
        rf"\b(earn\w*|{_PAY_WORDS})\b|"
        r"\b(hourly|daily|day|pay|overtime|standby|call-?out|mileage) rates?\b|"
        # "how much extra do tug masters get for LNG escort jobs?" (not "how much extra training ...?")
        r"\bhow much (extra|more)\s+(do|does|did|will|would|can|could|is|are)\b|"
        r"\bhow much\b.*\bmakes?\b|\bmakes?\b.*\b(money|a year|per year|a month|annually|more|less)\b|"
        r"\b(takes?|taking|took) home\b|\bmore money\b|"
        # "what is the on-call allowance?"
        # (not a holiday allowance: "25 days' annual leave")
        r"\b(what|how much)\b[^?]*\b(?<!holiday )(?<!leave )(allowances?|stipends?|differentials?|premiums?)\b|"
        r"\bwhat (does|do|did)\b.*\bmake\b|"
        # "how much does a trainee pensions admin get?" (not "how much holiday do they get?")
        r"\bhow much (do|does|did|will|would|can|could)\b[^?]*\bget"
        r"(\s+(an?|per)\s+(hour|day|week|month|year))?\s*[?.!…)]*\s*$",
        re.IGNORECASE,
    ),
    "number": re.compile(
        r"\bhow (many|often|much time|big|large)\b|\bwhat (percentage|share|proportion|fraction)\b|\bsize of\b|"
        r"\b(divided|split)\b",
        re.IGNORECASE,
    ),
    "degree": re.compile(
        r"\b(degrees?|educat\w*|qualifi\w*|diplomas?|study|studied|major\w*|schooling|certif\w*|certs?|licen[cs]\w*)\b",
        re.IGNORECASE,
    ),
    "names": re.compile(rf"\b(which|what)\b.*\b({_THINGS})\b|\bwhat\b.*\buse[sd]?\s+(to|for)\b", re.IGNORECASE),
    "schedule": re.compile(
        r"\b(what|which)\b[^?]*\b(hours|(?<!to )schedules?|rotas?|rosters?"
        r"|shifts?(?! (?:premium|differential|allowance)))\b"
        r"|\bwhen do\b[^?]*\bwork\b|\bwhat time\b"
        r"|\b(?:shift|work|working)\s+(?:patterns?|times?|rotas?)\b",  # "stevedore shift pattern?", "work pattern"
        re.IGNORECASE,
    ),
    # what a role does: "what does a sous chef do day to day?", "what are the duties of ...?"
    "duties": re.compile(
        r"\bwhat (does|do) (?:a |an |the |our |your )?(?:\w+ ){0,3}?"
        r"(actually |really |typically |usually |mostly )?(?<!to )do\b(?! with\b| for\b| about\b| if\b| when\b| to\b)"
        r"|\bwhat (are|were) (?:the |their |his |her |your )?(?:\w+['’]s )?(?:\w+ ){0,2}?"
        r"(duties|responsibilities|tasks)\b"
        r"|\b(duties|responsibilities) (of|for|include)\b|\bday[- ]to[- ]day\b|\btypical (day|week)\b"
        # "what do they spend most of their time on?", "what does a DS do all day?"
        r"|\bspend(s|ing)?\s+(most\s+of\s+)?((their|his|her|your|the)\s+)?(time|days?|working (hours|day|time))\b"
        r"|\ball day\b",
        re.IGNORECASE,
    ),
}
_BY_WHEN = re.compile(r"\b(by when|how soon|(?:what|which) deadline|within how long|time limit)\b", re.IGNORECASE)
# A question asking which credential ("which certification must they earn?") ...
_CREDENTIAL_ASKED = re.compile(
    r"\b(which|what)\s+(?:[\w-]+\s+){0,2}(certificat(e|es|ion|ions)|licen[cs]es?|degrees?|qualifications?|diplomas?)\b",
    re.IGNORECASE,
)
# ... unless it has a word that asks for money ("what can one with a degree earn?" is about pay).
_MONEY_WORDS = re.compile(rf"\b({_PAY_WORDS}|how much)\b|\$", re.IGNORECASE)
# The words that ask for an amount, a number or a degree (a tool's name is asked for with a
# word worth matching: "tools" finds a "Tools" section).
_ASKING = re.compile(
    rf"\b(earn\w*|{_PAY_WORDS}|makes?|money|divided|split|"
    r"percentage|share|proportion|fraction|often|long|big|large|degrees?|educat\w*|qualifi\w*|diplomas?|study|studied|major\w*)\b",
    re.IGNORECASE,
)
_LONGER = re.compile(r"\b(longer|shorter)\b", re.IGNORECASE)
_LISTED = re.compile(
    r"\b(benefits|perks|requirements|certifications|certificates|certs|licen[cs]es|qualifications|duties"
    r"|responsibilities|tasks)\b",
    re.IGNORECASE,
)
_RATE = re.compile(r"\brates?\b", re.IGNORECASE)
# ... nor the words that ask for an amount by another name ("what are the actual numbers?", "takes home")
_AMOUNT_WORDS = re.compile(r"\b(numbers?|figures?|amounts?|sums?|(?:take|takes|taking|took) home)\b", re.IGNORECASE)
_SUPERIOR_WORDS = re.compile(
    r"\b(report\w*|answers? to|lead\w*|(?:line\s+)?manag\w*|head\w*|supervis\w*|oversee\w*|boss\w*)\b", re.I
)
# ... and those asking what follows ("what's the next step up after ...?": the next item answers)
_NEXT_WORDS = re.compile(
    r"\b(next|steps?|up|after|level|move\w*|go(es)?|comes?|happens?|progress\w*|promot\w*|career|path|ladder)\b",
    re.IGNORECASE,
)
_SCHEDULE_WORDS = re.compile(
    r"\b(?:hours|schedules?|rotas?|rosters?|shifts?|patterns?|work\w*|times?)\b", re.IGNORECASE
)
# (an amount of pay answers "get paid", "earn", "make" whatever its words: "Basic salary: £41,800")
_EARNS_WORDS = re.compile(r"\b(?:paid|makes?)\b", re.IGNORECASE)
_DURATION_UNITS = re.compile(r"\bhow many (?:years|months|weeks|days|hours)\b", re.IGNORECASE)
_DUTY_WORDS = re.compile(
    r"\b(?:duties|responsibilities|tasks|day[- ]to[- ]day|typical (?:day|week)|job|spend(?:s|ing)?|time|all day)\b",
    re.I,
)
_FREQUENCY_UNITS = re.compile(r"\b(?:days|hours|shifts|times|nights|week|month|year)\b", re.IGNORECASE)
_PERIOD = re.compile(
    r"\b(a|an|per|each|every)\s+(year|month|week|hour)\b|\b(yearly|annually|monthly|weekly|hourly)\b", re.IGNORECASE
)
# "How many employees does she pay?" asks for a count, whatever its verb.
_HOW_OFTEN = re.compile(r"\bhow often\b|\bhow frequently\b|\bwhen (?:are|is|do|does)\b[^?]*\bpaid\b", re.I)
_HOW_MANY = re.compile(r"\bhow many\b(?!\s+(?:dollars|euros|pounds|k)\b)", re.IGNORECASE)
# "What is the next step after ...?", "where can they go after ...?", "what comes next?" (Frame.asks_next)
_WHAT_NEXT = re.compile(r"\bnext\s+(?:step|role|job|level|grade|rung)s?\b|\bwhat\s+comes\s+after\b", re.IGNORECASE)
_NEXT_AFTER = re.compile(
    r"\b(?:what|where|which)\b[^?]*\b(?:next|(?:comes?|happens?|go|goes|move|moves|step|steps|level|role)\b"
    r"[^?]*\bafter)\b"
    # "what can they progress to?"
    r"|\b(?:what|where|which)\b[^?]*\b(?:progress|move up|step up)\b"
    # "how can a nail tech get promoted?", "can they get promoted, what to?", "what's the career path?"
    # (not "how long does it take to get promoted?", nor "how is progress reviewed?")
    r"|^(?!\W*how\s+(?:long|often|much|soon)\b)(?:[^?]*\b(?:get|be|getting|being)\s+promoted\b"
    r"|\W*how\b[^?]*\b(?:can|do|does|could|would)\b[^?]*\b(?:progress|move up|step up)\b)"
    r"|\bcareer\s+(?:path|ladder|progression)\b",
    re.IGNORECASE,
)
# "Who leads the machine learning researchers?": a superior, when those led are people.
_WHO_LEADS = re.compile(r"^\W*who (leads|manages|heads|supervises|oversees)\b", re.IGNORECASE)
# Questions about a cause, a trend or an effect, whose answer is not a value even when they
# mention one ("why is the salary higher?", "will pay keep going up?").
_NOT_A_VALUE = re.compile(
    r"^\W*how (is|are|do|does)\b[^?]*\bpaid\b|"  # "how is overtime paid?": how, not how much
    # "is overtime paid?", "do they get sick pay?": whether
    # (not "do they get paid extra for working on site?": how much extra)
    r"^\W*(is|are|was|were|do|does|did|will|would|can)\b[^?]*\b(paid(?!\s+extra\b)|\w+ pay)\b|"
    r"^\W*(why|how come)\b|\b(affect\w*|depend\w*|increas\w*|grow\w*|rise|rising|"
    r"go(ing)? up|go(ing)? down|chang\w*|trend\w*|future)\b",
    re.IGNORECASE,
)
# The words of a person's title ("the Director of Finance", "the Head of Design").
_TITLES = (
    "Director|Head|Chief|VP|Vice|President|Manager|Lead|Leader|Officer|Supervisor|Superintendent|Foreman|Master|Captain"
)
_NUMBER_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty"
_COUNT = rf"\b(\d+|{_NUMBER_WORDS}|a few|several|a couple of)(\s+(to|or)\s+(\d+|{_NUMBER_WORDS}))?"  # "two to three"
# A count ending just before a word: "We are six [UX researchers]", "12 full-time [paralegals]".
COUNT_BEFORE = re.compile(_COUNT + r"\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# An amount of money ("$97,500", "GBP 26,500", "52k dollars") ...
_AMOUNT = (
    r"[$€£¥₹]\s?\d|\b\d[\d,.]*\s?(k|dollars|euros|pounds)\b"
    r"|\b(USD|EUR|GBP|CAD|AUD|NZD|CHF|INR|JPY|SEK|NOK|DKK|PLN|SGD)\s?\d|\d\s?(USD|EUR|GBP|CAD|AUD|CHF)\b"
    r"|\b\d+(?:\.\d+)?p\s+(?:per|an?|each)\b|\b\d+\s?(?:pence|cents)\b"  # "55p per hour", "45p a mile"
)
AMOUNT = re.compile(_AMOUNT, re.IGNORECASE)
# ... or a rate of pay that multiplies another ("overtime at time and a half"): it answers what a
# kind of pay is (overtime's), not what a role earns.
_MULTIPLIER = r"\btime and an? (half|quarter|third)\b|\b(double|triple) time\b"  # ("time and a third")
_ANSWERS = {
    # whom a team reports to: a title ("the Director of Finance", "the CTO")
    "superior": re.compile(rf"\b({_TITLES}|CEO|CTO|CFO|COO|CIO|CDO)\b"),
    "reason": re.compile(
        r"\b(because|due to|owing to|thanks to|as a result|which is why|reasons?|driven by|so that|depends? on|"
        r"based on|tied to|determined by|calculated (on|from))\b",
        re.IGNORECASE,
    ),
    "duration": re.compile(
        # (not "every two years": how often, no length of time)
        r"(?<!\bevery )(?<!\beach )"
        + _COUNT
        + r"(\s+(?!(?:an?|per|each|every)\b)[a-z-]+)?"  # "3 office days", "25 vacation days", not "$2 an hour"
        r"[\s-]*(years?|months?|weeks?|days?|hours?|yrs?|mos?|wks?|hrs?)\b"  # "4 yrs", "18mo", "12-hour"
        r"(?!\s+(?:a|an|per|each|every)\s+(?:year|month|week|day)\b)",  # "two days a week" is how often
        re.IGNORECASE,
    ),
    "frequency": re.compile(
        _COUNT + r"(\s+[a-z-]+)?\s+(days?|hours?|shifts?|times|nights?)"
        r"\s+(a|an|per|each|every)\s+(week|month|year|day)\b",  # "3 office days per week"
        re.IGNORECASE,
    ),
    "money": re.compile(rf"{_AMOUNT}|{_MULTIPLIER}", re.IGNORECASE),
    "share": re.compile(r"\d\s?%|\bper ?cent\b", re.IGNORECASE),  # "a bonus of 8% of base salary"
    # when someone works: clock times, days of the week, shifts
    "schedule": re.compile(
        r"\b\d{1,2}(:\d{2})?\s?[ap]\.?m\b|\b\d{1,2}:\d{2}\b|\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b"
        r"|\bweek(end|day)s?\b|\b(day|night|evening|morning|early|late|first|second|third|overnight|split|"
        # (not a "Rotating shift premium", a kind of pay)
        r"rotating|\d+-hour)\s+shifts?\b(?!\s+(?:premiums?|allowances?|pay|differentials?|enhancements?|rates?))"
        r"|\b\d+-hour\s+(days?|nights?)\b|\bshifts? (a|per) week\b|\bon call\b"
        # a rota of days on and off: "seven days on, seven days off", "a week on, week off", "4-on-4-off"
        r"|\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|fourteen|a)[- ](days?|weeks?|nights?)[- ]on\b"
        r"(?=,?\s+(?:and\s+|then\s+)?(?:[\w-]+\s+){0,2}off\b)"  # (not "two weeks on the tug simulator")
        r"|\bweeks?[- ]on,?[- ](a[- ])?weeks?[- ]off\b|\b\d+-on-\d+-off\b",
        re.IGNORECASE,
    ),
    # what someone does: said outright, or under a heading that says so (DUTY_HEADING)
    "duties": re.compile(
        r"\b(responsible for|responsibilities|duties|day[- ]to[- ]day"
        r"|spends? (most of )?(their|the|your) (time|days?))\b",
        re.IGNORECASE,
    ),
    "degree": re.compile(
        r"\b(degrees?|bachelor\w*|master\w*|ph\.?d|doctorate|diploma|certificat\w*|certified|credentials?|accredit\w*"
        r"|licen[cs]\w*|bootcamp)\b",
        re.IGNORECASE,
    ),
    "number": re.compile(
        r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|twice|once|"
        r"dozen|hundred|every|daily|weekly|monthly|yearly)\b",
        re.IGNORECASE,
    ),
    # a name inside the sentence ("in Python", "uses Looker"), not a person's title ("the Director
    # of Infrastructure", "the Head of Design")
    "names": re.compile(
        rf"(?<=[a-z,;:(]\s)(?!(?:{_TITLES})\b)"
        + "".join(f"(?<!{title} of )" for title in _TITLES.split("|"))  # Python's look-behinds are fixed-width
        + r"[A-Z][\w+#.-]*"
        # ... or opening it, when its spelling says it is one: an acronym or a camel-cased word
        # ("SAP IBP is used for ...", "ZoomInfo finds ..."), where "Figma is used ..." looks
        # like any first word
        + r"|^\W*(?:[A-Z]{3,}|[A-Z][a-z]+[A-Z][a-z])[\w+#.-]*"  # not "AI", "PhD"
    ),
}


# A section about what a role does: "The role", "What you'll do", "Key Functions", "Responsibilities".
DUTY_HEADING = re.compile(
    r"\b(duties|responsibilities|tasks|key functions|overview|role summary|job summary|job description"
    r"|day[- ]to[- ]day|typical (day|week)|what (you'?ll|you will|they|each role|the \w+) (do|does)"
    r"|what the (job|role|work) (is|involves|looks like)|(about )?the (role|job))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Frame:
    roles: tuple[str, ...]  # roles it names, in order
    comparison: bool  # compares roles
    role_seeking: bool  # its answer is one role
    direction: str | None = None  # "more" or "less", for a comparison
    shared: bool = False  # asks what the roles have in common
    expects: str | None = None  # "money", "number", "schedule", "degree", ...: the kind of answer it asks for
    text: str = ""  # the question

    def asking_terms(self, analyzer: Analyzer) -> frozenset[str]:
        """The terms of the words that say what kind of answer is asked for ("earn", "paid",
        "degree") or which way a comparison points ("more", "less"): the answer line checks
        those through the answer's kind and the comparison, not word for word."""
        asking = [m.group(0) for m in _ASKING.finditer(self.text)]
        if self.expects == "money":  # "a year", "hourly": the period of a rate, not a topic; nor "rate"
            asking += [m.group(0) for m in (*_PERIOD.finditer(self.text), *_RATE.finditer(self.text))]
            asking += [m.group(0) for m in _AMOUNT_WORDS.finditer(self.text)]
        if self.expects == "superior":  # "who leads ...?" is answered by "led by the Chief Scientist"
            asking += [m.group(0) for m in _SUPERIOR_WORDS.finditer(self.text)]
        if self.asks_next:
            asking += [m.group(0) for m in _NEXT_WORDS.finditer(self.text)]
        if self.expects == "names":  # "what software ...?" is answered by "AutoCAD Civil 3D for design"
            asking += [m.group(0) for m in _NAMED_THINGS.finditer(self.text)]
        asking += [m.group(0) for m in (*MORE.finditer(self.text), *LESS.finditer(self.text))]
        if self.comparison:  # "what is the difference between ...?" asks how, not about what
            asking += [m.group(0) for m in _COMPARISON.finditer(self.text)]
        return frozenset(t for terms in analyzer.terms(asking) for t in terms)

    def answered_by_kind(self, analyzer: Analyzer) -> frozenset[str]:
        """The terms of the words a sentence of the kind asked for answers without using them:
        "Monday to Friday, 8:30 am to 5 pm" answers the hours and the work of "what hours do
        they work?", "six weeks" the weeks of "how many weeks ...?", an amount the "paid" of "how
        much do they get paid?". They stay salient: a
        passage lacking them all is still off the topic."""
        words = {
            "schedule": _SCHEDULE_WORDS,
            "duration": _DURATION_UNITS,
            "frequency": _FREQUENCY_UNITS,
            "duties": _DUTY_WORDS,
            "money": _EARNS_WORDS,
        }.get(self.expects or "")
        if words is None:
            return frozenset()
        return frozenset(t for terms in analyzer.terms(words.findall(self.text)) for t in terms)

    @property
    def asks_next(self) -> bool:
        """Whether it asks what follows something ("what is the next step after senior product
        owner?", "where can they go after making senior?"): the sentence or list item after
        the one that states it answers."""
        return _NEXT_AFTER.search(self.text) is not None

    @property
    def asks_next_step(self) -> bool:
        """Whether it asks outright what the next step is ("what's the next step after
        derrickhand?", "what comes after bookbinder?"; not "what do they need to move up to
        FC2?", nor "... if the show comes down after 11pm")."""
        return _WHAT_NEXT.search(self.text) is not None

    @property
    def asks_by_when(self) -> bool:
        """Whether it also asks by when ("what certification must they obtain, and by when?"):
        its answer states how long too."""
        return _BY_WHEN.search(self.text) is not None

    @property
    def wants_several(self) -> bool:
        """Whether it asks for several names ("which tools do they use?") or things a role has
        or needs ("what benefits do they get?", "what certs do they need?"): a list answers it."""
        several_names = self.expects == "names" and _SEVERAL_THINGS.search(self.text) is not None
        return several_names or _LISTED.search(self.text) is not None


def answer_kinds(sentence: str) -> frozenset[str]:
    """The kinds of answer `sentence` holds: "money" ("$97,500"), "number", "schedule", "degree", "names"."""
    return frozenset(kind for kind, pattern in _ANSWERS.items() if pattern.search(sentence))


def _names_people(question: str) -> bool:
    """Whether `question` names people by their job ("the researchers", "our nurses")."""
    return any(to_singular(w, QUESTION_HEADS) in QUESTION_HEADS for w in re.findall(r"[a-z]+", question.lower()))


def _either(question: str, roles: RoleBook) -> bool:
    """Whether `question` asks of two roles at once, named one "or" the other ("Do event
    planners or warehouse pickers get paid overtime?"): each is answered, as in a comparison."""
    mentions = roles.mentions(question)
    return any(
        a.role_id != b.role_id and _EITHER_BETWEEN.fullmatch(question[a.end : b.start])
        for a, b in zip(mentions, mentions[1:], strict=False)
    )


def frame(question: str, roles: RoleBook) -> Frame:
    titled = roles.mentioned(question)
    # ("who tunes the models, the data scientist or the ML engineer?" asks which one, not each)
    either = _either(question, roles) and not _ROLE_SEEKING.search(question)
    comparison = bool(_COMPARISON.search(question) or either) and len(titled) != 1
    # A question that names one role already has its role ("which pays better, data science or
    # ML engineering?" names fields, which it may be comparing).
    shared = bool(_ABOUT_BOTH.search(question))
    seeking = bool(_ROLE_SEEKING.search(question)) and len(titled) != 1 and not shared
    named = tuple(dict.fromkeys([*titled, *roles.named_by_field(question)]))
    direction = "less" if LESS.search(question) else "more" if MORE.search(question) else None
    without_roles = roles.without_mentions(question)
    expects = next((kind for kind, pattern in _EXPECTS.items() if pattern.search(without_roles)), None)
    if expects is None and comparison and _LONGER.search(without_roles):
        expects = "duration"  # "which has the longer probation?" compares how long
    if expects == "money" and _HOW_MANY.search(without_roles):
        expects = "number"  # "how many employees does a payroll specialist pay?": a count, not an amount
    if expects == "money" and _HOW_OFTEN.search(without_roles):
        expects = None  # "how often are pickers paid?": "Paid weekly", not an amount
    if expects is None and _WHO_LEADS.search(question) and (titled or _names_people(question)):
        expects = "superior"
    if expects == "money" and _CREDENTIAL_ASKED.search(without_roles) and not _MONEY_WORDS.search(without_roles):
        expects = "degree"  # "which certification must they earn?": earning a credential, not money
    # "Who makes more?" is answered by a role; "which earns more, a BI analyst or a data scientist?" by amounts.
    if expects != "reason" and (_NOT_A_VALUE.search(question) or (expects == "money" and seeking and not titled)):
        expects = None  # "why is the salary higher?", "who makes more?": a reason, a role, not an amount
    return Frame(
        named, comparison, seeking, direction if comparison else None, shared and len(named) != 1, expects, question
    )
