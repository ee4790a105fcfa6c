"""The lessons app's models: the page tree (pages.py) and learners' data around it (learning.py)."""

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
    "SubcategoryPage",
]
