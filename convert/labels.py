"""Words the writers add around the content (skip link, contents...), in the document's language."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "skip": "Skip to main content",
        "contents": "Contents",
        "no-description": "Image without a description",
        "missing-image": "Image not available",
        "said": "said",
        "key-points": "Key points",
        "glossary": "Words to know",
        "help": "Where to find help",
        "notes": "Notes",
        "note": "Note",
        "back-to-text": "Back to the text",
        "not-simplified": (
            "This text is shown as it was written. It was not made easier to read, "
            "because the easy-reading rules work on English only."
        ),
        "bundle": "Offline bundle",
        "bundle-title": "{title}: offline bundle",
        "bundle-about": "About this document",
        "bundle-offline": "Everything here works without the internet: keep the folder together, open the files below.",
        "edition-full": "Full edition",
        "edition-child": "Child-friendly edition",
        "edition-note-full": "The complete text as published.",
        "edition-note-child": (
            "The same facts in plain, short sentences for young readers, with the hard words explained."
        ),
        "edition-files-full": "Files of the full edition",
        "edition-files-child": "Files of the child-friendly edition",
        "column-format": "Format",
        "column-file": "File",
        "column-size": "Size",
        "column-language": "Language",
        "column-good-for": "Good for",
        "column-how-to-open": "How to open it",
        "how-to-open-a": "How to open a {title}",
        "edition-empty": "No file of this edition could be made.",
        "not-included": "Not included",
        "could-not-be-made": "{format}: it could not be made ({reason}).",
        "listen": "Listen",
        "transcript": "Transcript",
        "download-narration": "Download the narration ({name})",
        "narration-transcript": "Transcript of the narration",
        "how-to-open-each": "How to open each file",
        "check-files": "Check the files and credits",
        "sums-intro": "The file {sums} lists a SHA-256 checksum for every file, so you can check that nothing was "
        "damaged on the way:",
        "sums-linux": " in the unpacked folder",
        "sums-mac": " in Terminal, in the unpacked folder",
        "sums-windows": " in PowerShell, then compare the hash with the line for FILE",
        "sums-ours": "With accessconvert",
        "credits-line": "Where the text, the voice and the fonts come from, and their licences: {credits}.",
        "conformance-line": "What independent accessibility validators found in these files (each validator's name "
        "and version, what it checked, and the result): {report}.",
        "conformance-link": "the conformance report",
        "bundles": "Offline bundles",
        "bundles-intro": "Each document has its own folder with every edition and format, and its own index page:",
        "bundles-sums": "Checksums of every file: {sums}. Credits: in each folder.",
        "language-en": "English",
        "language-fr": "French",
        "language-es": "Spanish",
        "language-de": "German",
        "language-ar": "Arabic",
        "language-he": "Hebrew",
        "language-it": "Italian",
        "language-pt": "Portuguese",
        "language-nl": "Dutch",
        "language-ru": "Russian",
        "language-zh": "Chinese",
        "language-ja": "Japanese",
    },
    "fr": {
        "skip": "Aller au contenu principal",
        "contents": "Sommaire",
        "no-description": "Image sans description",
        "missing-image": "Image non disponible",
        "said": "a dit",
        "key-points": "Points clés",
        "glossary": "Mots à connaître",
        "help": "Où trouver de l'aide",
        "notes": "Notes",
        "note": "Note",
        "back-to-text": "Retour au texte",
        "not-simplified": (
            "Ce texte est présenté tel qu'il a été écrit. Il n'a pas été simplifié : les "
            "règles de lecture facile ne s'appliquent qu'à l'anglais."
        ),
    },
    "es": {
        "skip": "Ir al contenido principal",
        "contents": "Índice",
        "no-description": "Imagen sin descripción",
        "missing-image": "Imagen no disponible",
        "said": "dijo",
        "key-points": "Puntos clave",
        "glossary": "Palabras para saber",
        "help": "Dónde encontrar ayuda",
        "notes": "Notas",
        "note": "Nota",
        "back-to-text": "Volver al texto",
        "not-simplified": (
            "Este texto se muestra tal como fue escrito. No se ha simplificado: "
            "las reglas de lectura fácil solo se aplican al inglés."
        ),
    },
    "de": {
        "skip": "Zum Hauptinhalt springen",
        "contents": "Inhalt",
        "no-description": "Bild ohne Beschreibung",
        "missing-image": "Bild nicht verfügbar",
        "said": "sagte",
        "key-points": "Das Wichtigste",
        "glossary": "Wörter zum Wissen",
        "help": "Wo man Hilfe findet",
        "notes": "Anmerkungen",
        "note": "Hinweis",
        "back-to-text": "Zurück zum Text",
        "not-simplified": (
            "Dieser Text steht hier so, wie er geschrieben wurde. Er wurde nicht "
            "vereinfacht: Die Regeln für leichtes Lesen gelten nur für Englisch."
        ),
    },
    "ar": {
        "skip": "انتقل إلى المحتوى الرئيسي",
        "contents": "المحتويات",
        "no-description": "صورة بدون وصف",
        "missing-image": "الصورة غير متاحة",
        "said": "قال",
        "key-points": "النقاط الرئيسية",
        "glossary": "كلمات يجب معرفتها",
        "help": "أين تجد المساعدة",
        "notes": "ملاحظات",
        "note": "ملاحظة",
        "back-to-text": "العودة إلى النص",
        "not-simplified": ("يُعرض هذا النص كما كُتب. لم يُبسَّط، لأن قواعد القراءة الميسّرة تنطبق على اللغة الإنجليزية فقط."),
    },
    "he": {
        "skip": "דלג לתוכן הראשי",
        "contents": "תוכן העניינים",
        "no-description": "תמונה ללא תיאור",
        "missing-image": "התמונה אינה זמינה",
        "said": "אמר",
        "key-points": "נקודות עיקריות",
        "glossary": "מילים שכדאי לדעת",
        "help": "איפה למצוא עזרה",
        "notes": "הערות",
        "note": "הערה",
        "back-to-text": "חזרה לטקסט",
        "not-simplified": ("הטקסט מוצג כפי שנכתב. הוא לא פושט, כי כללי הקריאה הקלה חלים על אנגלית בלבד."),
    },
}


def has_label(key: str, lang: str) -> bool:
    """True when the label exists in lang's primary language (label() would not fall back to English)."""
    primary = lang.replace("_", "-").split("-")[0].lower()
    return key in LABELS.get(primary, {})


def label(key: str, lang: str) -> str:
    """The label for key in lang's primary language, falling back to English."""
    primary = lang.replace("_", "-").split("-")[0].lower()
    return LABELS.get(primary, LABELS["en"]).get(key) or LABELS["en"][key]
