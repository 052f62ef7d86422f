"""Closed-class German words and tag sets, defined once for every component.

Articles, pronouns, conjunctions, prepositions, auxiliary and modal forms and the
STTS tags of finite verbs are a closed grammar, not vocabulary a linguist extends
per domain: they live here, in Python, and every module imports them from here.
Open-class word lists (verbs, nouns, adjectives of a meaning) live in `data/`.
"""
from __future__ import annotations

# STTS tags of a finite verb (full, auxiliary, modal).
FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})
# STTS tags of a preposition that opens a phrase (`nach`, `im`) and of an article, alone or fused with one (`der`, `im`).
PREPOSITION_TAGS = frozenset({"APPR", "APPRART"})
ARTICLE_TAGS = frozenset({"ART", "APPRART"})
# STTS tags of what stands between a preposition and its noun (`nach seinem schnellen Rücktritt`).
PREMODIFIER_TAGS = frozenset({"ADJA", "ART", "PPOSAT", "ADV", "ADJD"})

# Articles.
DEFINITE = frozenset({"der", "die", "das", "des", "dem", "den"})
GENITIVE_ARTICLES = frozenset({"des", "der"})
# A determiner of a subject or object -> the same determiner in the genitive, and whether the
# noun after it is masculine or neuter (`den Plan` -> `des Plans`, `die Steuer` -> `der Steuer`).
TO_GENITIVE = {"der": ("des", True), "den": ("des", True), "das": ("des", True), "die": ("der", False),
               "ein": ("eines", True), "einen": ("eines", True), "eine": ("einer", False),
               "dieser": ("dieses", True), "diesen": ("dieses", True), "dieses": ("dieses", True),
               "diese": ("dieser", False)}
# What stands before an ordinal number (`in der 62. Minute`, `zum 16. Mal`, `seines 100. Geburtstags`):
# after these a number with a full stop is an ordinal, never the end of a sentence.
ORDINAL_DETERMINERS = DEFINITE | frozenset({
    "zum", "zur", "am", "im", "vom", "beim", "ins", "ans", "ein", "eine", "einer", "eines", "einem", "einen",
    "dieser", "diese", "dieses", "diesem", "diesen", "jeder", "jede", "jedes", "jedem", "jeden",
    "sein", "seine", "seiner", "seines", "seinem", "seinen", "ihr", "ihre", "ihrer", "ihres", "ihrem", "ihren",
    "unser", "unsere", "unserer", "unseres", "unserem", "unseren"})
# Third-person possessives (`seinen Rücktritt`, `ihre Kandidatur`): what the actor owns itself.
THIRD_POSSESSIVES = frozenset({"sein", "seine", "seiner", "seines", "seinem", "seinen",
                               "ihr", "ihre", "ihrer", "ihres", "ihrem", "ihren"})
OBLIQUE_ARTICLES = frozenset({"dem", "den", "einem", "einen"})  # dative/accusative, never a subject
NOMINATIVE_ARTICLES = frozenset({"der", "die", "das", "ein", "eine"})  # may open a subject
# Before a feminine noun `der`/`einer` is genitive or dative (`der Zeitung`, `einer Stiftung`), never a subject;
# nouns with these endings are feminine, whatever their stem.
FEMININE_OBLIQUE_ARTICLES = frozenset({"der", "einer"})
FEMININE_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "sion", "ität")
# Determiner-like words that end in -er and never form a city adjective (`Berliner`).
ER_DETERMINERS = frozenset({"dieser", "jeder", "jener", "welcher", "mancher", "keiner", "einer", "unser", "neuer",
                            "alter"})

# Pronouns.
RELATIVE = frozenset({"der", "die", "das", "dem", "den", "deren", "dessen"})
RELATIVE_AFTER_PREPOSITION = RELATIVE | {"denen", "welchem", "welcher", "welchen"}  # `mit dem`, `zu der`, `in denen`
SPEAKER_PRONOUNS = frozenset({"wir", "ich", "man", "uns", "mich", "mir", "er", "sie", "ihm", "ihr"})
PERSONAL_GENDER = {"er": "m", "sie": "f", "Er": "m", "Sie": "f"}  # third person singular subject -> sex
DATIVE_GENDER = {"ihm": "m", "ihr": "f", "Ihm": "m", "Ihr": "f"}  # `ihm zufolge`
DEMONSTRATIVE_GENDER = {"dieser": "m", "diese": "f", "letzterer": "m", "letztere": "f", "jener": "m"}  # `Dieser stellte klar`
GROUP_COUNTS = {"beide": 2, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5}  # `beider Parteien`, `der drei Länder`
FIRST_PERSON = frozenset({"wir", "ich"})  # the speaker speaking of itself
SELF_OR_ANYONE = FIRST_PERSON | {"man"}  # `man werde …`: the speaker's side as well
PERSONAL_SUBJECTS = SELF_OR_ANYONE | {"er", "sie"}
FIRST_POSSESSIVES = ("unser", "mein")  # as prefixes: `unsere`, `meiner`
RELATIVE_GENITIVE = frozenset({"dessen", "deren"})
DEMONSTRATIVES = frozenset({"das", "dies"})  # `Das sagte X`: pointing back

# Conjunctions and what joins list members.
CONDITIONS = frozenset({"wenn", "falls", "sofern"})
OPEN_QUESTIONS = CONDITIONS | {"ob"}  # `wenn … nicht`, `ob … nicht`: no negation of the claim
PURPOSES = frozenset({"damit", "um"})  # `damit … nicht leide`, `um … nicht zu`: the negation is the purpose's
CONDITION_OPENERS = CONDITIONS | {"sollte", "sollten"}  # `Sollte der Bund zahlen, …`
UNSETTLED = CONDITIONS | {"bis", "solange", "bevor", "damit", "sobald"}  # a clause of what is not yet so
COMPLEMENTIZERS = frozenset({"dass", "daß"})
CONTENT_CLAUSES = COMPLEMENTIZERS | {"ob"}  # open a clause of what is said or asked
COORDINATORS = frozenset({"und", "sowie", "oder"})  # join predicates or list members
NEGATION_LIMITERS = frozenset({"nur", "einmal", "zuletzt"})  # `nicht nur`, `nicht einmal`: no negation
TOGETHER = frozenset({"gemeinsam", "zusammen"})  # `gemeinsam mit X`: co-holders
OTHERWISE = frozenset({"sonst", "andernfalls", "ansonsten", "anderenfalls"})
LIST_JOINERS = frozenset({"und", "sowie", ",", "oder", "auch"})
SENTENCE_JOINERS = frozenset({";", ":"})  # join two main clauses into one orthographic sentence
CONTINUING = frozenset({"aber", "jedoch", "allerdings", "zudem", "außerdem", "zugleich", "dagegen", "indes"})
# `…, hält X aber für falsch`: a verb-first comma clause with one of these goes on with the subject before
# Connectives that open a main clause: written with a capital inside a paragraph, after a word or a
# bracket and no stop, they show the stop of a list or caption before them is missing (`… (ESA) Doch …`)
SENTENCE_CONNECTIVES = CONTINUING | {"doch", "deshalb", "dennoch", "trotzdem", "daher"}
CLAUSE_COORDINATORS = frozenset({"und", "oder", "sowie", "aber", "doch", "sondern", "denn"})  # may join two clauses
CLAIM_OPENERS = frozenset({"dass", "ob", "und", "aber", "doch", "denn", ","})  # trimmed from a claim's start
CONTRAST = frozenset({("nicht", "aber"), ("aber", "nicht"), ("jedoch", "nicht"), ("nicht", "jedoch")})

# Prepositions.
AGENT_PREPOSITIONS = frozenset({"von", "vom"})  # the agent of a passive
SOURCE_PREPOSITIONS = frozenset({"aus", "bei", "von", "vom", "beim"})  # `Kritik aus der SPD`, `beim Verband`
# what joins a noun to the matter it asks a question of its own about ("Begründung der
# Zurückweisungen", "Ausnahmen für Handwerker", "Vereinbarkeit mit"); "über"/"um" join
# talk to what it is about ("Debatte über die Maut"), which is the matter itself
ASPECT_LINKS = frozenset({"der", "des", "einer", "eines", "für", "zum", "zur", "von", "vom", "bei", "beim",
                          "an", "am", "mit", "zu", "in", "im", "auf"})
# what joins a direction noun to its object ("Abschaffung der Maut", "Verzicht auf Kohle")
OBJECT_LINKS = frozenset({"der", "des", "den", "dem", "die", "das", "einer", "eines", "von", "vom", "auf", "für",
                          "zur", "zum", "aus", "am", "an", "gegen", "bei", "beim", "mit", "in", "im"})
VERBLIKE_PREPOSITIONS = frozenset({"anstelle"})  # spelled like a verb form (`stelle an`), a preposition before:
PREPOSITION_OBJECTS = frozenset({"von", "vom", "des", "der", "eines", "einer", "dieses", "dieser"})
ASIDE_PREPOSITIONS = frozenset({"auf", "gegen", "vor", "über", "wegen", "trotz", "angesichts"})
# right after a noun with its article they join the noun's own matter (`im Kampf gegen den Terror`), not a predicate's
NOUN_ATTRIBUTE_PREPOSITIONS = frozenset({"gegen", "für"})

# Verb forms.
DEONTIC = frozenset({"dürfen", "müssen", "sollen"})
ABLE = frozenset({"können"})  # lemma of the modal of ability
BOUND = frozenset({"müssen"})  # lemma of the modal of necessity
PAST_AUX = frozenset({"hatte", "hatten"})
PERFECT_AUX = frozenset({"hat", "haben"}) | PAST_AUX
TENSE_AUXILIARIES = frozenset({"sein", "haben"})  # lemmas of the perfect's auxiliaries
AUXILIARIES = DEONTIC | TENSE_AUXILIARIES | {"können", "werden"}  # lemmas that carry no content of their own
FUTURE_AUX = frozenset({"werde", "werden", "wird"})
NAME_PARTICLES = frozenset({"von", "van", "zu", "de", "di", "da", "del", "dos", "du", "ter", "ten"})  # `Kurt von Hallberg`
ARTICLE_PREFIXES = ("al-", "el-", "as-", "ad-", "at-", "ar-")  # `Ali al-Rashid`: a family name with an Arabic article
PLANNED = frozenset({"soll", "sollen"})  # `Danach sollen Mieten gedeckelt werden`: a detail of a plan just reported
PLAN_LINKS = frozenset({"so", "auch", "ebenfalls", "zudem", "außerdem", "danach", "demnach", "künftig"})  # `So sollen …`
PLAN_ACTS = frozenset({"proposal", "commitment", "demand"})
WOULD = frozenset({"würde", "würden"})
HYPOTHETICAL = frozenset({"könne", "könnte", "könnten", "würde", "würden", "müsste", "müssten", "dürfte",
                          "sollte"})
COUNTERFACTUAL_AUX = frozenset({"hätte", "hätten"})  # with a modal infinitive: `hätte … verlangen müssen`
KONJ1_IRREGULAR = frozenset({"sei", "seien", "seiest", "habe", "werde", "könne", "müsse", "dürfe", "solle",
                             "wolle", "möge", "wisse", "gebe", "stehe", "gehe", "komme", "bleibe", "liege"})
# Konjunktiv II forms that stand in for a Konjunktiv I spelled like the indicative (`sie haben` ->
# `sie hätten`): reported speech on their own. Other Konjunktiv II forms (`wäre`, `hätte`, `müsste`)
# have a Konjunktiv I of their own (`sei`, `habe`, `müsse`) and mark a hypothetical.
KONJ1_STAND_INS = frozenset({"hätten", "würden", "müssten", "könnten", "dürften", "sollten", "wollten", "gäben"})
KONJ2 = frozenset({"hätte", "hätten", "wäre", "wären", "würde", "würden", "könnte", "könnten", "müsste",
                   "müssten", "dürfte", "dürften", "sollte", "sollten", "wollte", "wollten", "gäbe", "stünde",
                   "entstünde"})

# Numerals and months.
NUMBER_WORDS = frozenset({"zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "zwölf",
                          "zwanzig", "hundert", "tausend", "million", "milliarde", "prozent", "hälfte", "drittel",
                          "viertel"})
MONTHS = frozenset({"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                    "Oktober", "November", "Dezember", "Jänner"})
MONTH_ABBREVIATIONS = frozenset({"Jan", "Feb", "Mrz", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Okt", "Nov", "Dez"})

# Words that name no content: left out of codebook labels and of a free claim's head words.
FUNCTION_WORDS = frozenset({
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
    "kein", "keine", "keiner", "keines", "keinem", "keinen", "und", "oder", "sowie", "aber", "dass", "ob",
    "an", "am", "auf", "aus", "bei", "beim", "bis", "durch", "für", "gegen", "in", "im", "ins", "mit",
    "nach", "ohne", "über", "um", "unter", "von", "vom", "vor", "zu", "zum", "zur", "zwischen", "als",
    "wie", "nicht", "auch", "noch", "nur", "schon", "sich", "es", "er", "sie", "wir", "ihr", "ihre",
    "ihren", "ihrer", "ihres", "sein", "seine", "seiner", "seinen", "seines", "unser", "unsere",
    "dies", "diese", "dieser", "dieses", "diesen", "jede", "jeder", "jedes", "alle", "aller", "allen",
    "mehr", "weniger", "sehr", "so", "wird", "werden", "wurde", "ist", "sind", "sei", "seien", "soll",
    "sollen", "solle", "muss", "müsse", "müssen", "kann", "könne", "können", "will", "wolle", "wollen",
    "hat", "haben", "habe", "man", "was", "wer", "wo", "wann", "dann", "damit", "dafür", "dagegen",
    "außerdem", "zudem", "jedoch", "allerdings", "zuletzt", "dabei", "nun", "jetzt", "bereits", "erneut",
    "weiterhin", "zusammen", "gemeinsam", "künftig", "bisher", "daher", "deshalb", "trotzdem", "dennoch",
    "vielmehr", "inzwischen", "mittlerweile",
})

# Separable verb particles, longest first: "zurückzuweisen" is zurück + zu + weisen.
PRETERITE_LIKE = frozenset({"sollte", "sollten", "wollte", "wollten"})  # Konjunktiv II spelled as the past tense
ESTIMATE = frozenset({"dürfte", "dürften", "könnte", "könnten"})  # epistemic Konjunktiv II: the writer's guess
# or a possibility the writer weighs, not reported speech
GOING_ON = "weiter"  # `sagte weiter`: the tagger joins it as a particle, but the verb is `sagen`
SEPARABLE_PARTICLES = ("zusammen", "zurück", "weiter", "nieder", "fest", "fort", "nach", "ab", "an", "auf",
                       "aus", "bei", "ein", "mit", "vor", "weg", "um", "los", "her", "hin", "zu")

# indefinite pronouns that stand as a subject for unnamed people (`Viele kritisierten X`): no actor
# of their own, so an actor after the verb is the object
# what follows an indefinite that determines a noun or names a part (`einige Punkte`, `einige der Vorschläge`,
# `viele von ihnen`), so that it is no subject on its own
NOMINAL_TAGS = frozenset({"NN", "NE", "ADJA", "ART", "CARD", "PIAT", "PPOSAT", "TRUNC"})
PARTITIVE_LINKS = frozenset({"der", "des", "von", "vom", "aus", "unter"})
INDEFINITE_SUBJECTS = frozenset({"viele", "einige", "manche", "andere", "mehrere", "wenige", "niemand",
                                 "jemand", "etliche", "zahlreiche"})
