"""Finding French text on a page rendered in English (for the crawl's English mode)."""

import re

from bs4 import BeautifulSoup, Comment, Doctype

# Words that mark a text as French: function words and the site's own vocabulary, none of them
# common English words. Names, places and other data come from the database and are removed first.
_WORD_LIST = """
    le la les des du de et vous votre vos pour une est sont avec sur aux au ce cette ces pas ne qui que
    dans par mon ma mes aucun aucune être à où il elle nous leur leurs ses été très déjà puis après
    avant sans chaque tous toutes tout moins quand comme qu
    modifier supprimer annuler enregistrer retour gestion groupe groupes stagiaire stagiaires
    formateur formateurs formatrice formatrices candidater candidature candidatures émargement séance
    séances lieu lieux inscrits inscrit connexion déconnexion travaux objectifs
    certificats aménagements besoins accueil compte heures mot passe envoyer voir ouvrir fermer
    janvier février mars avril juin juillet août septembre octobre novembre décembre
    lundi mardi mercredi jeudi vendredi samedi dimanche
    """
FRENCH_WORDS = frozenset(_WORD_LIST.split())
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# While the curriculum is not marked lang="fr" everywhere it is listed, it is ignored everywhere.
CURRICULUM_EVERYWHERE = True
# French names kept in English text: institutions and the standard's own title.
PROPER_NAMES = (
    "Défenseur des droits",
    "Libre réponse",
    "référentiel général d'amélioration de l'accessibilité",
)
SKIPPED_TAGS = {"script", "style", "template", "svg"}


# An elided article or pronoun: « l'équipe », « d'intersession », « n'est ».
ELISION = re.compile(r"\b[cdjlmnst]['’][^\W\d_]", re.UNICODE | re.IGNORECASE)


def french_words(text: str) -> list[str]:
    words = [word for word in WORD.findall(text.lower()) if word in FRENCH_WORDS]
    return words + ELISION.findall(text)


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{ *\w+ *\}\}")
TAG = re.compile(r"<[^>]+>")


def msgid_patterns(msgids) -> list[re.Pattern]:
    """Patterns matching what each msgid shows (its placeholders match anything; its tags split it
    into the separate texts a page shows), longest first."""
    pieces = {" ".join(piece.split()) for msgid in msgids for piece in TAG.split(msgid)}
    patterns = []
    for piece in sorted((piece for piece in pieces if piece), key=len, reverse=True):
        literal = PLACEHOLDER.split(piece)
        if len("".join(literal).strip()) < 3:
            continue  # a bare placeholder would match any text
        patterns.append(re.compile(".+?".join(re.escape(part) for part in literal)))
    return patterns


def untranslated_texts(html: str, data: list[str], curriculum: list[str] = (), awaiting=()) -> list[str]:
    """The visible texts (and labels read aloud) of an English page that are French, outside any
    element marked lang="fr". `data` are the database's own strings (names, places), ignored;
    `curriculum` strings are ignored only where lang="fr" cannot be set (the title, attributes);
    `awaiting` are msgid patterns (msgid_patterns) not yet in the catalogue, ignored."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    # Longest first across both lists, so that a title goes before a shorter stored text inside it.
    with_curriculum = sorted({*PROPER_NAMES, *data, *curriculum}, key=len, reverse=True)
    data_only = sorted({*PROPER_NAMES, *data}, key=len, reverse=True)

    def check(text: str, element, *, unmarkable: bool = False) -> None:
        text = " ".join(text.split())
        if not text:
            return
        target = element if element.name else element.parent
        marked = target if target.has_attr("lang") else target.find_parent(attrs={"lang": True})
        if marked is not None and marked["lang"].lower().startswith("fr"):
            return
        content = with_curriculum if unmarkable or CURRICULUM_EVERYWHERE else data_only
        if len(text) >= 10 and any(text in value for value in content):
            return  # a fragment of a stored text (a rich text paragraph with a bold word, say)
        stripped = text
        for value in content:
            if value in stripped:
                stripped = stripped.replace(value, " ")
        for pattern in awaiting:
            stripped = pattern.sub(" ", stripped)
        if french_words(stripped):
            found.append(text)

    for node in soup.find_all(string=True):
        if isinstance(node, Comment | Doctype) or node.find_parent(SKIPPED_TAGS):
            continue
        check(str(node), node, unmarkable=node.parent.name == "title")
    for element in soup.find_all(attrs={"aria-label": True}):
        check(element["aria-label"], element, unmarkable=True)
    return found
