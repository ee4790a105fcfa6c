"""The lessons app's models: the page tree (pages.py), learners' data around it (learning.py)
and their voice recordings (recordings.py)."""

from lessons.models.learning import (
    Bookmark,
    Comment,
    CommentReport,
    ExerciseAttempt,
    LearnerStats,
    LessonLike,
    LessonProgress,
)
from lessons.models.pages import (
    CategoryPage,
    CEFRLevel,
    CurriculumSectionPage,
    Difficulty,
    LessonPage,
    SubcategoryPage,
)
from lessons.models.recordings import Recording

__all__ = [
    "Bookmark",
    "CEFRLevel",
    "CategoryPage",
    "Comment",
    "CommentReport",
    "CurriculumSectionPage",
    "Difficulty",
    "ExerciseAttempt",
    "LearnerStats",
    "LessonLike",
    "LessonPage",
    "LessonProgress",
    "Recording",
    "SubcategoryPage",
]
