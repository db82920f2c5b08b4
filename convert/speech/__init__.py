"""Speech for narration and read-aloud: the script of utterances, the engines, the cache and the narration."""

from convert.speech.script import Utterance, script

__all__ = ["Utterance", "script"]
