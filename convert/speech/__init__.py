"""Speech for narration and read-aloud: the script of utterances, the engines and the cache."""

from convert.speech.script import Utterance, script, sentences

__all__ = ["Utterance", "script", "sentences"]
