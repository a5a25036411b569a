"""One table per language: the words claims are written with.

Everything language-specific the engine knows lives here; the splitter, the
reference reader, the language detector and the category classifier compile
their patterns from these tables and hold no vocabulary of their own.
"""
from __future__ import annotations

from dataclasses import dataclass

LATIN = "latin"
HAN = "han"
KANA = "kana"
HANGUL = "hangul"


@dataclass(frozen=True)
class LanguageTable:
    """How one language writes claims. Regex fragments are case-insensitive."""

    code: str  # ISO 639-1
    script: str  # the script that identifies it (LATIN needs `vocabulary` too)
    claim_nouns: tuple[str, ...]  # 'claim', 'claims': a claim number follows (lower case)
    list_words: tuple[str, ...]  # 'or', 'and': join single claim numbers
    range_words: tuple[str, ...]  # 'to', 'bis': join the ends of a range
    all_preceding: tuple[str, ...]  # phrases meaning every lower-numbered claim
    plural_nouns: tuple[str, ...] = ()  # the plural forms: 'claims 1, 2, 5' is a list even without 'or'
    previous_one: tuple[str, ...] = ()  # phrases meaning the claim just before
    canceled: tuple[str, ...] = ()  # a claim text that starts so is canceled (lower case)
    headings: tuple[str, ...] = ()  # lines that title a claim set, not claims
    marker_words: tuple[str, ...] = ()  # 'Claim' in 'Claim 1:' / '【請求項1】'
    openers: tuple[str, ...] = ()  # how an independent claim opens, lower case: 'a', 'an', '一种', 'verfahren'
    categories: tuple[tuple[str, str], ...] = ()  # (category, preamble pattern), lower case
    head_final: bool = False  # the head noun ends the preamble (zh, ja, ko)
    preamble_end: tuple[str, ...] = ()  # where the preamble of a claim ends ('wherein', '其特征在于'), lower case
    single_claim: str = ""  # an unnumbered text that is one whole claim (design patents)
    number_words: tuple[str, ...] = ()  # claim numbers written as words, 'primera' for 1 (lower case)
    number_articles: tuple[str, ...] = ()  # what may stand before a cited number: 'de la' in 'de la 1 a la 3'
    vocabulary: frozenset[str] = frozenset()  # frequent words, for telling Latin languages apart


DASH = r"[-–—－‐‑‒―−]"  # the last is U+2212 MINUS SIGN (from &minus; in XML-derived text)
TILDE = r"[~～〜]"

PRODUCT = "product"
METHOD = "method"
USE = "use"
COMPOSITION = "composition"
MEDIUM = "medium"

EN = LanguageTable(
    code="en",
    script=LATIN,
    claim_nouns=(r"claims?",),
    plural_nouns=("claims",),
    list_words=(r"and/or", r"or", r"and", r"&"),
    range_words=(r"to", r"through", r"thru", r"until", DASH),
    all_preceding=(
        r"\b(?:any|one|each|either|all)(?:\s+one)?(?:\s+or\s+more)?(?:\s+of)?(?:\s+the)?"
        r"\s+(?:preceding|previous|foregoing|above(?:-mentioned)?|prior|aforementioned|aforesaid|precedent)"
        r"(?:\s+\w+)?\s+claims?\b",
        r"\bany\s+(?:one\s+)?(?:of\s+)?(?:the\s+)?claims?\s+(?:above|hereinbefore|before)\b",
        r"\bpreceding\s+claims\b",
    ),
    previous_one=(r"\bthe\s+(?:immediately\s+)?(?:preceding|previous|foregoing)\s+claim\b(?!s)",),
    canceled=(r"(?:previously\s+)?cancell?ed", r"deleted"),
    headings=(
        r"what\s+is\s+claimed\s+is", r"what\s+we\s+claim\s+is", r"we\s+claim", r"i\s+claim",
        r"claims?", r"the\s+claims", r"claimed\s+is", r"amended\s+claims",
    ),
    marker_words=(r"claims?",),  # 'Claim 1:', and 'Claims 1-5 (Canceled)' in amendments
    openers=(r"an?\s", r"(?:the\s+)?use\s", r"method", r"process", r"apparatus", r"system", r"device", r"composition", r"one\s+or\s+more"),
    preamble_end=(r"\bwherein\b", r"\bcomprising\b", r"\bcharacteri[sz]ed\b", r"\bincluding\b", r"\bconsisting\b"),
    single_claim=(r"(?:(?:i|we)\s+claim:?\s*)?(?:the|an?)\s+(?:ornamental\s+design\b|"
                  r"[^\n]{0,300}?\b(?:comprising|consisting|wherein|characteri[sz]ed\s+in)\b)"),
    categories=(
        (MEDIUM, r"computer[- ]readable|machine[- ]readable|processor[- ]readable|storage\s+medi|"
                 r"recording\s+medi|storage\s+device\s+storing|program\s+product|memory\s+medi"),
        (USE, r"^\s*(?:the\s+)?use\s+of\b"),
        (METHOD, r"\bmethods?\b|\bprocedures?\b|\bprocess(?:es)?\b"
                 r"(?![ -](?:chamber|gas|unit|module|tool|kit|vessel|station|liquid|fluid|controller|cartridge))"),
        (COMPOSITION, r"\bcompositions?\b|\bformulations?\b|\bcompounds?\b|\bmixtures?\b|"
                      r"\bpharmaceutical\b|\balloys?\b"),
    ),
    vocabulary=frozenset(
        "the of and a an to in claim claims wherein comprising said which is at least one "
        "for with by from on or further having first second configured device method".split()
    ),
)

ZH = LanguageTable(
    code="zh",
    script=HAN,
    # '权力要求' ('power' for 'right'): a drafting typo printed in granted CN utility models.
    claim_nouns=(r"权利要求", r"權利要求", r"权力要求", r"權力要求", r"申请专利范围", r"申請專利範圍", r"請求項", r"请求项"),
    list_words=(r"或者", r"或", r"和/或", r"和", r"及", r"以及", r"或是"),
    range_words=(r"至", r"到", TILDE, DASH),
    all_preceding=(
        r"(?:前述|上述|前面|以上|在先|在前)(?:各)?(?:的)?(?:任一|任意一|任何一|任意)?(?:项|項)?"
        r"(?:权利要求|權利要求|請求項|请求项|申請專利範圍|申请专利范围)(?:中)?(?:的)?"
        r"(?:任一|任意一|任何一|任意|所有|之一|至少一(?:项|項)|一(?:项|項))",
        r"(?:前述|上述|前面|以上|在先|在前)(?:的)?(?:任一|任意一|任何一|任意)(?:项|項)?"
        r"(?:权利要求|權利要求|請求項|请求项|申請專利範圍|申请专利范围)",
    ),
    # '根据前一项权利要求所述的' (CN translations of 'nach dem vorhergehenden Anspruch'), TW '如前一項申請專利範圍'.
    previous_one=(
        r"(?:前一|上一)(?:项|項)?(?:的)?(?:权利要求|權利要求|請求項|请求项|申請專利範圍|申请专利范围)",
    ),
    canceled=(r"删除", r"刪除", r"已删除"),
    headings=(r"权利要求书", r"權利要求書", r"权利要求", r"申請專利範圍", r"申请专利范围"),
    marker_words=(r"权利要求", r"權利要求", r"請求項", r"请求项"),
    openers=(r"一种", r"一種", r"一个", r"一個", r"一款", r"一套"),
    preamble_end=(r"其特征在于", r"其特征是", r"包括", r"包含", r"所述方法", r"其中"),
    single_claim=r"一种[^\n]{0,300}?(?:其特征在于|其特征是|包括|包含)",
    categories=(
        (MEDIUM, r"存储介质|存儲介質|可读介质|可讀介質|记录介质|記錄介質|程序产品|程式產品|存储设备"),
        (USE, r"用途|的应用$|的應用$"),
        (METHOD, r"方法|工艺|工藝|制程|製程"),
        (COMPOSITION, r"组合物|組合物|化合物|制剂|製劑|配方"),
    ),
    head_final=True,
)

JA = LanguageTable(
    code="ja",
    script=KANA,
    claim_nouns=(r"請求項", r"請求の範囲"),
    list_words=(r"及び[/／]又は", r"又は", r"又ハ", r"または", r"及び", r"および", r"若しくは", r"もしくは", r"或いは", r"と"),
    range_words=(r"から", r"乃至", r"ないし", TILDE, DASH),
    all_preceding=(
        r"(?:先行する|前述の|前記|上記|先の|これまでの)(?:いずれかの)?(?:各)?請求項(?:の)?(?:うち)?(?:いずれか|何れか|すべて|全て)",
        r"(?:先行する|前述の|前記|上記|先の|これまでの)(?:いずれか|何れか)(?:一項|1項)?の請求項",
    ),
    previous_one=(r"直前の請求項", r"前の請求項"),
    canceled=(r"削除",),
    headings=(r"特許請求の範囲", r"請求の範囲"),
    marker_words=(r"請求項",),
    preamble_end=(r"であって", r"において", r"を備え", r"を有し", r"を含み", r"からなり"),
    single_claim=r"[^\n]{0,300}?(?:であって|を備える|を備えた|を含む|からなる)",
    categories=(
        (MEDIUM, r"記録媒体|記憶媒体|プログラム製品|プログラムプロダクト"),
        (USE, r"の使用$|の用途$"),
        (METHOD, r"方法|プロセス|工程$"),
        (COMPOSITION, r"組成物|化合物|製剤"),
    ),
    head_final=True,
)

# '항' after a number is 'claim' ('제1항에', '제1항 내지 제3항') when a particle or no syllable follows;
# '제1 항체', '제1 항원', '제1 항목' (first antibody, antigen, item) are words that start with it.
KO_CLAIM = r"항(?![가-힣])|항(?=에|의|과|와|을|를|으로|로|중|은|는|이|가|및|내지|또는|까지|부터|기재|들)"

KO = LanguageTable(
    code="ko",
    script=HANGUL,
    # '第1項에 있어서': 1980s-90s publications in mixed Hangul and Hanja write '제1항' in Hanja.
    claim_nouns=(r"청구항", rf"제(?=\s*\d{{1,4}}\s*(?:{KO_CLAIM}))", r"第(?=\s*\d{1,4}\s*項(?!目))"),
    list_words=(r"또는", r"및", r"와", r"과", r"혹은"),
    range_words=(r"내지", r"에서", r"부터", TILDE, DASH),
    all_preceding=(
        r"(?:선행하는|선행|전술한|앞선|앞의|이전의|이전|상기)\s*(?:하는\s*)?청구항(?:들)?\s*(?:중|의)?\s*(?:어느|임의|모든)",
    ),
    previous_one=(r"(?:선행하는|직전의?|바로\s*앞의?)\s*청구항(?!들)",),
    canceled=(r"삭제",),
    headings=(r"청구범위", r"특허청구범위", r"청구의\s*범위"),
    marker_words=(r"청구항",),
    preamble_end=(r"에\s*있어서", r"으로서", r"로서", r"를\s*포함", r"을\s*포함"),
    categories=(
        (MEDIUM, r"기록\s*매체|저장\s*매체|판독\s*가능한\s*매체|프로그램\s*제품"),
        (USE, r"용도$|의\s*사용$"),
        (METHOD, r"방법|공정"),
        (COMPOSITION, r"조성물|화합물|제제"),
    ),
    head_final=True,
)

DE = LanguageTable(
    code="de",
    script=LATIN,
    # 'Ansprueche': ASCII exports write the umlaut out. 'Schutzanspruch': utility models (DE-U).
    claim_nouns=(r"patentanspruchs?", r"patentansprüchen?", r"patentanspruechen?", r"schutzanspruchs?",
                 r"schutzansprüchen?", r"schutzanspruechen?", r"anspruchs?", r"ansprüchen?", r"anspruechen?"),
    plural_nouns=("ansprüche", "ansprüchen", "patentansprüche", "patentansprüchen", "patentansprueche",
                  "patentanspruechen", "schutzansprüche", "schutzansprüchen", "schutzansprueche",
                  "schutzanspruechen", "ansprueche", "anspruechen"),
    list_words=(r"und/oder", r"oder", r"und", r"sowie", r"bzw\.?"),
    range_words=(r"bis\s+einschlie(?:ß|ss)lich", r"bis", DASH),
    all_preceding=(
        # 'nach einem der vorhergehenden Ansprüche', '... der vorstehend genannten / oben genannten Ansprüche',
        # and the dative plural: 'gemäß den vorhergehenden Ansprüchen', 'nach allen vorangehenden Ansprüchen'
        r"\b(?:vorhergehenden|vorangehenden|vorangegangenen|vorstehenden|vorherigen|voranstehenden|"
        r"vorausgehenden|vorgenannten|obigen|vorigen|"
        r"(?:vorstehend|zuvor|oben|vorher)\s*(?:genannten|angeführten|erwähnten|beschriebenen))"
        r"\s+(?:Patent|Schutz)?Anspr(?:ü|ue)chen?\b",
        # the singular after a quantifier: 'nach einem beliebigen / irgendeinem / jedem vorhergehenden Anspruch'
        r"\b(?:(?:einem|eines|jedem|jedes)\s+beliebigen|irgendeinem|irgendeines|jedem|jedes)\s+"
        r"(?:vorhergehenden|vorangehenden|vorangegangenen|vorstehenden|vorherigen|voranstehenden|"
        r"vorausgehenden|vorgenannten|obigen|vorigen)\s+(?:Patent|Schutz)?Anspruchs?\b",
    ),
    previous_one=(
        r"\b(?:dem|des)\s+(?:unmittelbar\s+)?(?:vorhergehenden|vorangehenden|vorangegangenen|vorstehenden|"
        r"vorherigen)\s+(?:Patent|Schutz)?Anspruchs?\b",
        r"\b(?:vorhergehendem|vorangehendem|vorstehendem|vorherigem)\s+(?:Patent|Schutz)?Anspruch\b",  # article-less
    ),
    canceled=(r"gestrichen", r"entfällt", r"gelöscht"),
    headings=(r"Patentansprüche", r"Schutzansprüche", r"Ansprüche"),
    marker_words=(r"Anspruch", r"Patentanspruch"),
    openers=(r"eine?[rs]?\s", r"verfahren", r"vorrichtung", r"verwendung", r"system", r"anordnung"),
    preamble_end=(r"\bdadurch\b", r"\bumfassend\b", r"\baufweisend\b", r"\bwobei\b", r"\bmit\b"),
    single_claim=r"(?:ein|eine)\s[^\n]{0,300}?\b(?:dadurch\s+gekennzeichnet|umfassend|aufweisend)\b",
    categories=(
        (MEDIUM, r"computerlesbar|maschinenlesbar|speichermedium|datenträger|computerprogrammprodukt"),
        (USE, r"^\s*(?:die\s+)?verwendung\b"),
        (METHOD, r"verfahren|prozess"),
        (COMPOSITION, r"zusammensetzung|formulierung|gemisch|mischung|legierung"),
    ),
    vocabulary=frozenset(
        "der die das und nach anspruch ansprüche dadurch gekennzeichnet ein eine einer eines mit "
        "zur zum von den dem des wobei ist im sowie vorrichtung verfahren mindestens einem".split()
    ),
)

FR = LanguageTable(
    code="fr",
    script=LATIN,
    claim_nouns=(r"revendications?",),
    plural_nouns=("revendications",),
    list_words=(r"et/ou", r"ou", r"et"),
    range_words=(r"à", r"a", DASH),
    all_preceding=(
        r"\brevendications\s+(?:précédentes|antérieures|qui\s+précèdent|ci-dessus|susmentionnées)\b",
        # the singular after a quantifier: 'selon toute / une quelconque revendication précédente'
        r"\b(?:toute|une\s+quelconque|n['’]importe\s+quelle)\s+revendication\s+(?:précédente|antérieure|qui\s+précède)\b",
    ),
    previous_one=(r"\brevendication\s+(?:immédiatement\s+)?(?:précédente|antérieure|qui\s+précède)\b",),
    canceled=(r"supprimée?s?", r"annulée?s?", r"abandonnée?s?"),
    headings=(r"revendications",),
    marker_words=(r"revendication",),
    openers=(r"une?\s", r"procédé", r"dispositif", r"utilisation", r"système", r"méthode", r"composition"),
    preamble_end=(r"\bcaractérisée?\b", r"\bcomprenant\b", r"\bdans\s+lequel\b", r"\bdans\s+laquelle\b"),
    single_claim=r"(?:un|une)\s[^\n]{0,300}?\b(?:caractérisée?|comprenant)\b",
    categories=(
        (MEDIUM, r"lisible\s+par|support\s+d['’]enregistrement|support\s+de\s+stockage|produit\s+programme"),
        (USE, r"^\s*(?:l['’])?(?:utilisation|usage|emploi)\b"),
        (METHOD, r"\bprocédé\b|\bméthode\b|\bprocessus\b"),
        (COMPOSITION, r"\bcomposition\b|\bformulation\b|\bmélange\b|\balliage\b"),
    ),
    vocabulary=frozenset(
        "le la les de des du et selon revendication revendications caractérisé caractérisée en un une "
        "dans pour au aux est par qui que sur comprenant ledit ladite lesdits au moins".split()
    ),
)

ES = LanguageTable(
    code="es",
    script=LATIN,
    claim_nouns=(r"reivindicaci(?:ones|ón|on)",),
    plural_nouns=("reivindicaciones",),
    list_words=(r"y/o", r"o", r"ó", r"u", r"y", r"e"),
    range_words=(r"a", r"hasta", DASH),
    all_preceding=(
        r"\breivindicaciones\s+(?:anteriores|precedentes|previas|que\s+anteceden)\b",  # 'que anteceden': MX
        r"\bcualquier\s+reivindicaci[oó]n\s+(?:anterior|precedente)\b",  # the singular after 'cualquier'
    ),
    previous_one=(r"\breivindicaci[oó]n\s+(?:anterior|precedente)\b",),
    canceled=(r"canceladas?", r"anuladas?", r"suprimidas?", r"eliminadas?"),
    # Older Spanish drafting: 'según la reivindicación primera', 'reivindicaciones de la 1 a la 3'.
    number_words=("primera", "segunda", "tercera", "cuarta", "quinta", "sexta", "séptima", "octava", "novena",
                  "décima", "undécima", "duodécima", "decimotercera", "decimocuarta", "decimoquinta"),
    number_articles=(r"de\s+las?", r"de", r"las?"),
    headings=(r"reivindicaciones",),
    marker_words=(r"reivindicaci[oó]n",),
    openers=(r"una?\s", r"procedimiento", r"método", r"dispositivo", r"uso\s", r"sistema", r"composición"),
    preamble_end=(r"\bcaracterizad[oa]\b", r"\bque\s+comprende\b", r"\bcomprendiendo\b", r"\ben\s+el\s+que\b", r"\ben\s+donde\b"),
    single_claim=r"(?:un|una)\s[^\n]{0,300}?\b(?:caracterizad[oa]|que\s+comprende)\b",
    categories=(
        (MEDIUM, r"legible\s+por|medio\s+de\s+almacenamiento|soporte\s+de\s+almacenamiento|producto\s+de\s+programa"),
        (USE, r"^\s*(?:el\s+)?(?:uso|utilizaci[oó]n|empleo)\b"),
        (METHOD, r"\bprocedimiento\b|\bm[ée]todo\b|\bproceso\b"),
        (COMPOSITION, r"\bcomposici[oó]n\b|\bformulaci[oó]n\b|\bmezcla\b|\baleaci[oó]n\b"),
    ),
    vocabulary=frozenset(
        "el la los las de del y según reivindicación reivindicaciones caracterizado caracterizada "
        "un una en que con por para al se comprende dicho dicha es al menos".split()
    ),
)

IT = LanguageTable(
    code="it",
    script=LATIN,
    claim_nouns=(r"rivendicazion[ei]",),
    plural_nouns=("rivendicazioni",),
    list_words=(r"e/o", r"o", r"oppure", r"e", r"ed"),
    range_words=(r"a", r"fino\s+a", DASH),
    all_preceding=(r"\brivendicazioni\s+(?:precedenti|anteriori)\b",),
    previous_one=(r"\brivendicazione\s+precedente\b",),
    canceled=(r"cancellat[ae]", r"soppress[ae]", r"eliminat[ae]"),
    headings=(r"rivendicazioni",),
    marker_words=(r"rivendicazione",),
    openers=(r"una?\s", r"metodo", r"procedimento", r"dispositivo", r"uso\s", r"sistema", r"composizione"),
    preamble_end=(r"\bcaratterizzat[oa]\b", r"\bcomprendente\b", r"\bin\s+cui\b"),
    categories=(
        (MEDIUM, r"leggibile\s+da|supporto\s+di\s+memorizzazione|prodotto\s+programma"),
        (USE, r"^\s*(?:l['’])?(?:uso|utilizzo|impiego)\b"),
        (METHOD, r"\bmetodo\b|\bprocedimento\b|\bprocesso\b"),
        (COMPOSITION, r"\bcomposizione\b|\bformulazione\b|\bmiscela\b|\blega\b"),
    ),
    vocabulary=frozenset(
        "il lo la i gli le di del della dello dei delle secondo rivendicazione rivendicazioni "
        "caratterizzato caratterizzata un una che per con in cui comprendente detto detta almeno".split()
    ),
)

PT = LanguageTable(
    code="pt",
    script=LATIN,
    claim_nouns=(r"reivindica(?:ções|ção|coes|cao)",),
    plural_nouns=("reivindicações", "reivindicacoes"),
    list_words=(r"e/ou", r"ou", r"e"),
    range_words=(r"a", r"até", DASH),
    all_preceding=(r"\breivindica(?:ções|coes)\s+(?:anteriores|precedentes)\b",),
    previous_one=(r"\breivindica(?:ção|cao)\s+anterior\b",),
    canceled=(r"canceladas?", r"suprimidas?"),
    headings=(r"reivindicações",),
    marker_words=(r"reivindicação",),
    openers=(r"uma?\s", r"método", r"processo", r"dispositivo", r"uso\s", r"sistema", r"composição"),
    preamble_end=(r"\bcaracterizad[oa]\b", r"\bcompreendendo\b", r"\bem\s+que\b"),
    categories=(
        (MEDIUM, r"legível\s+por|meio\s+de\s+armazenamento|produto\s+de\s+programa"),
        (USE, r"^\s*(?:o\s+)?(?:uso|utilização)\b"),
        (METHOD, r"\bmétodo\b|\bprocesso\b|\bprocedimento\b"),
        (COMPOSITION, r"\bcomposição\b|\bformulação\b|\bmistura\b|\bliga\b"),
    ),
    vocabulary=frozenset(
        "o a os as do da dos das de em no na um uma com que ao pelo pela de acordo reivindicação "
        "reivindicações caracterizado caracterizada compreende dito dita pelo menos não".split()
    ),
)

NL = LanguageTable(
    code="nl",
    script=LATIN,
    claim_nouns=(r"conclusies?",),
    plural_nouns=("conclusies",),
    list_words=(r"en/of", r"of", r"en"),
    range_words=(r"tot\s+en\s+met", r"tot", DASH),
    all_preceding=(r"\b(?:voorgaande|voorafgaande|vorige)\s+conclusies\b",),
    previous_one=(r"\b(?:voorgaande|vorige)\s+conclusie\b",),
    canceled=(r"vervallen", r"geschrapt"),
    headings=(r"conclusies",),
    marker_words=(r"conclusie",),
    openers=(r"een\s", r"werkwijze", r"inrichting", r"gebruik", r"systeem", r"samenstelling"),
    preamble_end=(r"\bmet\s+het\s+kenmerk\b", r"\bomvattende\b", r"\bwaarbij\b"),
    categories=(
        (MEDIUM, r"leesbaar\s+medium|opslagmedium|computerprogrammaproduct"),
        (USE, r"^\s*(?:het\s+)?gebruik\b"),
        (METHOD, r"\bwerkwijze\b|\bmethode\b|\bproces\b"),
        (COMPOSITION, r"\bsamenstelling\b|\bmengsel\b|\blegering\b"),
    ),
    vocabulary=frozenset(
        "de het een van en met volgens conclusie conclusies waarbij omvattende is in op voor die dat "
        "ten minste kenmerk genoemde".split()
    ),
)

TABLES: dict[str, LanguageTable] = {t.code: t for t in (EN, ZH, JA, KO, DE, FR, ES, IT, PT, NL)}
LATIN_TABLES: tuple[LanguageTable, ...] = tuple(t for t in TABLES.values() if t.script == LATIN)

# Words that, right before a number, say it is not a claim number ('FIG. 3.', 'No. 2.').
NOT_CLAIM_PREFIXES = (
    r"fig", r"figs", r"figure", r"no", r"nos", r"nr", r"n°", r"num", r"step", r"steps", r"example",
    r"table", r"formula", r"ex", r"eq", r"equation", r"seq", r"id", r"sec", r"ref", r"vol", r"pp?",
    r"abb", r"tab", r"bsp",
)
