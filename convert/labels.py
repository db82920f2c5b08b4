"""Words the writers add around the content (skip link, contents, read-along player...), in the document's language."""

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
        "read-along-listen": "Listen",
        "read-along-audio": "Narration of the text",
        "read-along-controls": "Read-along controls",
        "read-along-play": "Play",
        "read-along-pause": "Pause",
        "read-along-previous": "Previous sentence",
        "read-along-next": "Next sentence",
        "read-along-status": "Sentence {n} of {total}",
        "read-along-hint": "Select any sentence to hear it from there; the contents links move the voice too.",
        "read-along-words": "Highlight each word",
        "read-along-download": "Download the narration (MP3)",
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
        "read-along-listen": "Écouter",
        "read-along-audio": "Lecture à voix haute du texte",
        "read-along-controls": "Commandes de la lecture synchronisée",
        "read-along-play": "Lire",
        "read-along-pause": "Pause",
        "read-along-previous": "Phrase précédente",
        "read-along-next": "Phrase suivante",
        "read-along-status": "Phrase {n} sur {total}",
        "read-along-hint": (
            "Sélectionnez une phrase pour l'écouter à partir de là ; les liens du sommaire déplacent aussi la voix."
        ),
        "read-along-words": "Surligner chaque mot",
        "read-along-download": "Télécharger la lecture à voix haute (MP3)",
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
        "read-along-listen": "Escuchar",
        "read-along-audio": "Narración del texto",
        "read-along-controls": "Controles de la lectura sincronizada",
        "read-along-play": "Reproducir",
        "read-along-pause": "Pausa",
        "read-along-previous": "Frase anterior",
        "read-along-next": "Frase siguiente",
        "read-along-status": "Frase {n} de {total}",
        "read-along-hint": (
            "Seleccione cualquier frase para escucharla desde ahí; los enlaces del índice también mueven la voz."
        ),
        "read-along-words": "Resaltar cada palabra",
        "read-along-download": "Descargar la narración (MP3)",
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
        "read-along-listen": "Anhören",
        "read-along-audio": "Vorgelesener Text",
        "read-along-controls": "Steuerung zum Mitlesen",
        "read-along-play": "Abspielen",
        "read-along-pause": "Pause",
        "read-along-previous": "Vorheriger Satz",
        "read-along-next": "Nächster Satz",
        "read-along-status": "Satz {n} von {total}",
        "read-along-hint": (
            "Wählen Sie einen Satz, um ab dort zuzuhören; auch die Links im Inhalt bringen die Stimme dorthin."
        ),
        "read-along-words": "Jedes Wort hervorheben",
        "read-along-download": "Vorgelesenen Text herunterladen (MP3)",
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
        "read-along-listen": "استمع",
        "read-along-audio": "قراءة صوتية للنص",
        "read-along-controls": "أدوات التحكم في القراءة المصاحبة",
        "read-along-play": "تشغيل",
        "read-along-pause": "إيقاف مؤقت",
        "read-along-previous": "الجملة السابقة",
        "read-along-next": "الجملة التالية",
        "read-along-status": "الجملة {n} من {total}",
        "read-along-hint": "اختر أي جملة لتستمع إليها من هناك؛ وروابط المحتويات تنقل الصوت أيضًا.",
        "read-along-words": "تمييز كل كلمة",
        "read-along-download": "تنزيل القراءة الصوتية (MP3)",
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
        "read-along-listen": "האזנה",
        "read-along-audio": "הקראה של הטקסט",
        "read-along-controls": "פקדי ההקראה",
        "read-along-play": "הפעלה",
        "read-along-pause": "השהיה",
        "read-along-previous": "המשפט הקודם",
        "read-along-next": "המשפט הבא",
        "read-along-status": "משפט {n} מתוך {total}",
        "read-along-hint": "בחרו משפט כלשהו כדי לשמוע אותו משם; גם הקישורים בתוכן העניינים מעבירים את הקול.",
        "read-along-words": "הדגשת כל מילה",
        "read-along-download": "הורדת ההקראה (MP3)",
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
