from wagtail import hooks
from wagtail.permissions import register_permission_policy

from lessons.models.learning import Comment
from lessons.views_admin import ReportedCommentViewSet, comment_permission_policy

register_permission_policy(Comment, comment_permission_policy, exact_class=True)


@hooks.register("register_admin_viewset")
def register_reported_comment_viewset():
    return ReportedCommentViewSet("reported_comments")
