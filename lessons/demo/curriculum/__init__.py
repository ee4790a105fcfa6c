"""The demo curriculum as plain data: one module per category, in menu order."""

from lessons.demo.curriculum.conversation import CONVERSATION
from lessons.demo.curriculum.grammar import GRAMMAR
from lessons.demo.curriculum.pronunciation import PRONUNCIATION
from lessons.demo.curriculum.vocabulary import VOCABULARY

CURRICULUM = [GRAMMAR, VOCABULARY, PRONUNCIATION, CONVERSATION]
