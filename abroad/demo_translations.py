"""The demo study-abroad listings in Vietnamese: their translations, field by field, given to
each demo listing when `load_abroad_demo` creates it.

Maps English text to Vietnamese. Names of schools and accrediting bodies are proper names and
have no entry, so the Vietnamese listing shows them in English: the API falls back to the
English text field by field (`Listing.text_in`).
"""

from django.db import models

from core.locales import content_language_codes

VI: dict[str, str] = {
    # Institutions
    "General and exam English in small groups by the river.": (
        "Tiếng Anh tổng quát và luyện thi theo nhóm nhỏ bên bờ sông."
    ),
    "A friendly college in the centre of Dublin with its own café.": (
        "Một trường cao đẳng thân thiện ở trung tâm Dublin, có quán cà phê riêng."
    ),
    "A university pathway: academic English, then a degree.": (
        "Lộ trình vào đại học: tiếng Anh học thuật, sau đó là chương trình cấp bằng."
    ),
    "Learn English by the beach, in classes of eight at most.": (
        "Học tiếng Anh bên bãi biển, mỗi lớp tối đa tám người."
    ),
    # Programs
    "General English, 12 weeks": "Tiếng Anh tổng quát, 12 tuần",
    "A placement test on the first day.": "Làm bài kiểm tra xếp lớp vào ngày đầu tiên.",
    "Twenty lessons a week, afternoons free for London.": (
        "Hai mươi tiết mỗi tuần, buổi chiều tự do khám phá London."
    ),
    "IELTS preparation": "Luyện thi IELTS",
    "B2 level (IELTS 5.5 or a placement test).": (
        "Trình độ B2 (IELTS 5.5 hoặc bài kiểm tra xếp lớp)."
    ),
    "Exam technique for all four papers, with a mock exam every Friday.": (
        "Kỹ năng làm bài cho cả bốn phần thi, thi thử vào mỗi thứ Sáu."
    ),
    "English for beginners": "Tiếng Anh cho người mới bắt đầu",
    "Start from zero: everyday English for living in Dublin.": (
        "Bắt đầu từ con số không: tiếng Anh hằng ngày để sống ở Dublin."
    ),
    "Summer English and culture": "Tiếng Anh và văn hóa mùa hè",
    "Morning classes, afternoon trips around Ireland.": (
        "Học buổi sáng, buổi chiều đi tham quan khắp Ireland."
    ),
    "Academic English pathway": "Lộ trình tiếng Anh học thuật",
    "B2 level and a high-school diploma.": "Trình độ B2 và bằng tốt nghiệp trung học phổ thông.",
    "Two semesters of academic English leading to first-year admission.": (
        "Hai học kỳ tiếng Anh học thuật để được nhận vào năm thứ nhất đại học."
    ),
    "English for business": "Tiếng Anh thương mại",
    "B1 level.": "Trình độ B1.",
    "Meetings, presentations and e-mails, with a case study each week.": (
        "Họp, thuyết trình và viết email, mỗi tuần một tình huống thực tế."
    ),
    "General English, 6 weeks": "Tiếng Anh tổng quát, 6 tuần",
    "Small classes for beginners, with conversation clubs in the evening.": (
        "Lớp nhỏ cho người mới bắt đầu, có câu lạc bộ giao tiếp vào buổi tối."
    ),
    "Cambridge First (B2) preparation": "Luyện thi Cambridge First (B2)",
    "Prepares for the Cambridge B2 First exam.": "Chuẩn bị cho kỳ thi Cambridge B2 First.",
    # Homestays
    "Quiet room near Hyde Park": "Phòng yên tĩnh gần công viên Hyde Park",
    "A retired teacher's home with a cat and a garden.": (
        "Nhà của một cô giáo đã nghỉ hưu, có một chú mèo và một khu vườn."
    ),
    "No smoking. Quiet after 22:00.": "Không hút thuốc. Giữ yên lặng sau 22:00.",
    "Family home in Rathmines": "Nhà gia đình ở Rathmines",
    "A family of four with a dog, ten minutes by bus from the centre.": (
        "Gia đình bốn người và một chú chó, cách trung tâm mười phút đi xe buýt."
    ),
    "Dinner at 19:00; tell us when you are out.": (
        "Ăn tối lúc 19:00; hãy báo cho gia đình khi bạn đi vắng."
    ),
    "Annex by the Annex": "Phòng riêng ở khu Annex",
    "A self-contained basement room in the Annex, near the university.": (
        "Phòng tầng hầm khép kín ở khu Annex, gần trường đại học."
    ),
    "No parties. Shoes off indoors.": "Không tổ chức tiệc. Cởi giày khi vào nhà.",
    "Beach house in Bondi": "Nhà bên biển ở Bondi",
    "Two minutes from the beach, with surfboards to borrow.": (
        "Cách bãi biển hai phút, có ván lướt sóng cho mượn."
    ),
    "Rinse the sand off outside, please.": "Vui lòng rửa sạch cát ở bên ngoài trước khi vào nhà.",
}
DEMO_TRANSLATIONS: dict[str, dict[str, str]] = {"vi": VI}


def demo_translations(listing) -> list[models.Model]:
    """The demo translations of `listing` (unsaved, for its `translations`), one per language
    with at least one translated field; fields without a translation stay blank."""
    translation_model = listing.translations.model
    translations = []
    for language, texts in DEMO_TRANSLATIONS.items():
        if language not in content_language_codes():
            continue
        fields = {
            field: texts.get(getattr(listing, field), "")
            for field in type(listing).translatable_fields
        }
        if any(fields.values()):
            translations.append(translation_model(language=language, **fields))
    return translations
