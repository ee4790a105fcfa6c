"""Vietnamese (vi): the Grammar → Tenses path of the demo curriculum.

English source text → its translation. The English that a lesson teaches (examples, dialogue
lines, words, questions about English, options, answers, items) is not listed: it stays
English in the translated lesson. Inline markup (<b>, <i>) is kept around the same words.
"""

TEXTS: dict[str, str] = {
    # --- Grammar ------------------------------------------------------------------------------
    "Grammar": "Ngữ pháp",
    "grammar": "ngu-phap",
    "The structures of English, explained simply, with examples and practice.": (
        "Các cấu trúc tiếng Anh, giải thích đơn giản, có ví dụ và bài luyện tập."
    ),
    # --- Tenses -------------------------------------------------------------------------------
    "Tenses": "Các thì",
    "tenses": "cac-thi",
    "Present, past and perfect: when to use each tense and how to build it.": (
        "Hiện tại, quá khứ và hoàn thành: khi nào dùng mỗi thì và cách tạo câu với thì đó."
    ),
    # --- Shared by several lessons ------------------------------------------------------------
    "Practice": "Luyện tập",
    # --- Present simple -----------------------------------------------------------------------
    "Present simple: habits and routines": "Thì hiện tại đơn: thói quen và sinh hoạt hằng ngày",
    "present-simple-habits-and-routines": "thi-hien-tai-don-thoi-quen-hang-ngay",
    "Talk about what you do every day, how often you do it, and facts that are always true.": (
        "Nói về những việc bạn làm mỗi ngày, mức độ thường xuyên, và những sự thật luôn đúng."
    ),
    "When do we use the present simple?": "Khi nào dùng thì hiện tại đơn?",
    "We use the present simple for <b>habits</b>, <b>routines</b> and <b>facts</b> that are "
    "always or generally true: <i>I drink coffee every morning. Water boils at 100 "
    "degrees.</i>": (
        "Chúng ta dùng thì hiện tại đơn cho <b>thói quen</b>, <b>việc làm thường ngày</b> và "
        "<b>sự thật</b> luôn đúng hoặc nhìn chung là đúng: <i>I drink coffee every morning. "
        "Water boils at 100 degrees.</i>"
    ),
    "How do we make it?": "Cấu trúc của thì này",
    "<b>I / you / we / they</b> + verb: <i>They work in a hospital.</i>": (
        "<b>I / you / we / they</b> + động từ: <i>They work in a hospital.</i>"
    ),
    "<b>he / she / it</b> + verb + <b>-s</b>: <i>She works in a hospital.</i>": (
        "<b>he / she / it</b> + động từ + <b>-s</b>: <i>She works in a hospital.</i>"
    ),
    "Negatives: <b>don't / doesn't</b> + verb: <i>He doesn't eat meat.</i>": (
        "Câu phủ định: <b>don't / doesn't</b> + động từ: <i>He doesn't eat meat.</i>"
    ),
    "Questions: <b>do / does</b> + subject + verb: <i>Do you like tea? Where does she live?</i>": (
        "Câu hỏi: <b>do / does</b> + chủ ngữ + động từ: <i>Do you like tea? Where does she "
        "live?</i>"
    ),
    "Yes/no questions go up": "Câu hỏi có/không lên giọng ở cuối",
    "Do you like tea? The voice rises at the end of a yes/no question.": (
        "Do you like tea? Giọng nói lên cao ở cuối câu hỏi có/không."
    ),
    "Spelling of the <b>-s</b> form: add <b>-es</b> after -s, -sh, -ch, -x and -o (<i>watches, "
    "goes</i>); change consonant + <b>-y</b> to <b>-ies</b> (<i>study → studies</i>); "
    "<i>have</i> becomes <i>has</i>.": (
        "Cách viết dạng <b>-s</b>: thêm <b>-es</b> sau -s, -sh, -ch, -x và -o (<i>watches, "
        "goes</i>); đổi phụ âm + <b>-y</b> thành <b>-ies</b> (<i>study → studies</i>); "
        "<i>have</i> đổi thành <i>has</i>."
    ),
    "After <b>does</b> and <b>doesn't</b> the verb loses its -s. Say <i>Does she like it?</i> "
    "and <i>She doesn't like it</i>, not <i>Does she likes it?</i>": (
        "Sau <b>does</b> và <b>doesn't</b>, động từ không thêm -s. Nói <i>Does she like it?</i> "
        "và <i>She doesn't like it</i>, không nói <i>Does she likes it?</i>"
    ),
    "Words for how often": "Từ chỉ tần suất",
    "In most cases; most of the time.": "Thường thường; trong phần lớn thời gian.",
    "Many times; frequently.": "Nhiều lần; thường xuyên.",
    "Almost never.": "Hầu như không bao giờ.",
    "Frequency adverbs go <b>before</b> the main verb but <b>after</b> the verb <i>be</i>: "
    "<i>I often cook</i>, but <i>I am often late</i>.": (
        "Trạng từ chỉ tần suất đứng <b>trước</b> động từ chính nhưng đứng <b>sau</b> động từ "
        "<i>be</i>: <i>I often cook</i>, nhưng <i>I am often late</i>."
    ),
    "A typical day": "Một ngày bình thường",
    "With he, she and it, the present simple verb takes -s: she goes.": (
        "Với he, she và it, động từ ở thì hiện tại đơn thêm -s: she goes."
    ),
    "He lives, he doesn't like (no -s after doesn't), he studies (y → ies).": (
        "He lives, he doesn't like (không thêm -s sau doesn't), he studies (y → ies)."
    ),
    "Put the words in order to make a question.": "Sắp xếp các từ để tạo thành câu hỏi.",
    "Question word + does + subject + verb: Where does your sister work?": (
        "Từ để hỏi + does + chủ ngữ + động từ: Where does your sister work?"
    ),
    # --- Present continuous -------------------------------------------------------------------
    "Present continuous: what is happening now": "Thì hiện tại tiếp diễn: điều đang xảy ra",
    "present-continuous-what-is-happening-now": "thi-hien-tai-tiep-dien-dieu-dang-xay-ra",
    "Describe actions in progress, temporary situations and your plans for the near future.": (
        "Miêu tả hành động đang diễn ra, tình huống tạm thời và kế hoạch của bạn trong tương "
        "lai gần."
    ),
    "Actions in progress": "Hành động đang diễn ra",
    "The present continuous is <b>am / is / are + verb-ing</b>. We use it for:": (
        "Thì hiện tại tiếp diễn là <b>am / is / are + động từ-ing</b>. Chúng ta dùng thì này cho:"
    ),
    "actions happening <b>now</b>: <i>Shh, the baby is sleeping.</i>": (
        "hành động đang xảy ra <b>ngay bây giờ</b>: <i>Shh, the baby is sleeping.</i>"
    ),
    "<b>temporary</b> situations: <i>I'm staying with friends this week.</i>": (
        "tình huống <b>tạm thời</b>: <i>I'm staying with friends this week.</i>"
    ),
    "fixed <b>plans</b> for the future: <i>We're meeting Ana at six tomorrow.</i>": (
        "<b>kế hoạch</b> đã định cho tương lai: <i>We're meeting Ana at six tomorrow.</i>"
    ),
    "Spelling of <b>-ing</b>: drop a final -e (<i>make → making</i>), double one final "
    "consonant after a short stressed vowel (<i>run → running, sit → sitting</i>), and change "
    "-ie to -y (<i>lie → lying</i>).": (
        "Cách viết đuôi <b>-ing</b>: bỏ -e ở cuối (<i>make → making</i>), gấp đôi phụ âm cuối "
        "khi trước nó là một nguyên âm ngắn được nhấn (<i>run → running, sit → sitting</i>), "
        "và đổi -ie thành -y (<i>lie → lying</i>)."
    ),
    "Verbs for states, not actions — <i>know, like, want, believe, own, understand</i> — are "
    "not usually continuous. Say <i>I know the answer</i>, not <i>I am knowing the "
    "answer</i>.": (
        "Động từ chỉ trạng thái, không phải hành động — <i>know, like, want, believe, own, "
        "understand</i> — thường không dùng ở dạng tiếp diễn. Nói <i>I know the answer</i>, "
        "không nói <i>I am knowing the answer</i>."
    ),
    "Now; during this period.": "Bây giờ; trong khoảng thời gian này.",
    "On the phone": "Nói chuyện điện thoại",
    "Which sentences are correct? Choose all that apply.": (
        "Những câu nào đúng? Hãy chọn tất cả các câu đúng."
    ),
    "Understand and want are state verbs, so they stay in the present simple: I understand "
    "you, he wants a new phone.": (
        "Understand và want là động từ chỉ trạng thái, nên vẫn dùng thì hiện tại đơn: "
        "I understand you, he wants a new phone."
    ),
    "Both actions are happening now: is + -ing.": ("Cả hai hành động đều đang diễn ra: is + -ing."),
    "Look around you. Say one thing you are doing and one thing somebody near you is doing "
    "right now.": (
        "Hãy nhìn xung quanh. Nói bằng tiếng Anh một việc bạn đang làm và một việc mà người "
        "ở gần bạn đang làm ngay lúc này."
    ),
    "Use I'm + -ing for yourself and he's / she's + -ing for the other person.": (
        "Dùng I'm + -ing khi nói về bản thân và he's / she's + -ing khi nói về người kia."
    ),
    # --- Past simple --------------------------------------------------------------------------
    "Past simple: regular and irregular verbs": (
        "Thì quá khứ đơn: động từ có quy tắc và bất quy tắc"
    ),
    "past-simple-regular-and-irregular-verbs": "thi-qua-khu-don-dong-tu-co-quy-tac-va-bat-quy-tac",
    "Tell stories and talk about finished events with the past simple.": (
        "Kể chuyện và nói về những sự việc đã kết thúc bằng thì quá khứ đơn."
    ),
    "Finished actions": "Hành động đã kết thúc",
    "We use the past simple for actions that finished at a time in the past, often with "
    "<i>yesterday, last week, in 2019</i> or <i>two days ago</i>: <i>I called my mum "
    "yesterday.</i>": (
        "Chúng ta dùng thì quá khứ đơn cho những hành động đã kết thúc tại một thời điểm trong "
        "quá khứ, thường đi với <i>yesterday, last week, in 2019</i> hoặc <i>two days ago</i>: "
        "<i>I called my mum yesterday.</i>"
    ),
    "<b>Regular verbs</b> add <b>-ed</b>: <i>work → worked, play → played</i>. <b>Irregular "
    "verbs</b> have their own forms, and you need to learn them: <i>go → went, see → saw, buy "
    "→ bought, have → had, make → made, take → took</i>.": (
        "<b>Động từ có quy tắc</b> thêm <b>-ed</b>: <i>work → worked, play → played</i>. "
        "<b>Động từ bất quy tắc</b> có dạng riêng, và bạn cần học thuộc: <i>go → went, see → "
        "saw, buy → bought, have → had, make → made, take → took</i>."
    ),
    "Negatives and questions use <b>did</b> + the base verb for every verb: <i>I didn't go. "
    "Did you see it?</i>": (
        "Câu phủ định và câu hỏi dùng <b>did</b> + động từ nguyên mẫu, với mọi động từ: "
        "<i>I didn't go. Did you see it?</i>"
    ),
    "Three sounds for <b>-ed</b>: /t/ after voiceless sounds (<i>walked, watched</i>), /d/ "
    "after voiced sounds (<i>played, lived</i>) and an extra syllable /ɪd/ after t and d "
    "(<i>wanted, needed</i>).": (
        "Đuôi <b>-ed</b> có ba cách đọc: /t/ sau âm vô thanh (<i>walked, watched</i>), /d/ sau "
        "âm hữu thanh (<i>played, lived</i>) và thêm một âm tiết /ɪd/ sau t và d (<i>wanted, "
        "needed</i>)."
    ),
    "Before now; used after a length of time.": (
        "Cách đây, trước đây; đứng sau một khoảng thời gian."
    ),
    "Last weekend": "Cuối tuần trước",
    "Match each verb with its past simple form.": ("Nối mỗi động từ với dạng quá khứ đơn của nó."),
    "Go and see are irregular (went, saw); stay is regular (stayed).": (
        "Go và see là động từ bất quy tắc (went, saw); stay là động từ có quy tắc (stayed)."
    ),
    "In which verb does -ed add an extra syllable, /ɪd/?": (
        "Ở động từ nào, đuôi -ed được đọc thêm một âm tiết /ɪd/?"
    ),
    "After t and d, -ed is pronounced /ɪd/: want-ed.": (
        "Sau t và d, -ed được đọc là /ɪd/: want-ed."
    ),
    # --- Present perfect ----------------------------------------------------------------------
    "Present perfect or past simple?": "Hiện tại hoàn thành hay quá khứ đơn?",
    "present-perfect-or-past-simple": "hien-tai-hoan-thanh-hay-qua-khu-don",
    "Choose between 'I've lost my keys' and 'I lost my keys yesterday', and use for, since, "
    "ever and never.": (
        "Chọn giữa 'I've lost my keys' và 'I lost my keys yesterday', và biết cách dùng for, "
        "since, ever và never."
    ),
    "Two ways to talk about the past": "Hai cách nói về quá khứ",
    "The <b>past simple</b> describes a finished action at a finished time: <i>I lost my keys "
    "yesterday.</i> The time is over, and often it is said.": (
        "Thì <b>quá khứ đơn</b> miêu tả một hành động đã kết thúc vào một thời điểm đã qua: "
        "<i>I lost my keys yesterday.</i> Thời điểm đó đã kết thúc, và thường được nói rõ."
    ),
    "The <b>present perfect</b> (<b>have / has</b> + past participle) connects the past with "
    "<b>now</b>. We use it for:": (
        "Thì <b>hiện tại hoàn thành</b> (<b>have / has</b> + quá khứ phân từ) nối quá khứ với "
        "<b>hiện tại</b>. Chúng ta dùng thì này cho:"
    ),
    "experiences in your life, without a time: <i>Have you ever been to Japan?</i>": (
        "trải nghiệm trong cuộc đời, không nói thời điểm: <i>Have you ever been to Japan?</i>"
    ),
    "past actions with a result now: <i>I've lost my keys</i> (I can't get in)": (
        "hành động trong quá khứ có kết quả ở hiện tại: <i>I've lost my keys</i> (tôi không "
        "vào nhà được)"
    ),
    "situations that started in the past and continue: <i>She has lived here since 2015.</i>": (
        "tình huống bắt đầu trong quá khứ và vẫn còn tiếp diễn: <i>She has lived here since "
        "2015.</i>"
    ),
    "Past simple: a finished moment. Present perfect: a past action that matters now.": (
        "Quá khứ đơn: một thời điểm đã kết thúc. Hiện tại hoàn thành: một hành động trong quá "
        "khứ vẫn còn liên quan đến hiện tại."
    ),
    "A visual guide to the perfect tenses (EnglishAnyone).": (
        "Hướng dẫn bằng hình ảnh về các thì hoàn thành (EnglishAnyone)."
    ),
    "Do not use the present perfect with a finished time: say <i>I saw that film last "
    "night</i>, not <i>I have seen that film last night</i>.": (
        "Không dùng thì hiện tại hoàn thành với thời điểm đã kết thúc: nói <i>I saw that film "
        "last night</i>, không nói <i>I have seen that film last night</i>."
    ),
    "<b>for</b> + a length of time (<i>for ten years, for a week</i>); <b>since</b> + a "
    "starting point (<i>since 2015, since Monday, since I was a child</i>).": (
        "<b>for</b> + một khoảng thời gian (<i>for ten years, for a week</i>); <b>since</b> + "
        "một mốc bắt đầu (<i>since 2015, since Monday, since I was a child</i>)."
    ),
    "Catching up": "Hỏi thăm nhau",
    "The loss matters now (we need to find them), so we use the present perfect.": (
        "Việc mất chìa khóa vẫn ảnh hưởng đến hiện tại (chúng ta cần tìm lại), nên dùng thì "
        "hiện tại hoàn thành."
    ),
    "Since 2018 continues until now (present perfect); the job in Porto is finished (past "
    "simple).": (
        "Since 2018 kéo dài đến bây giờ (hiện tại hoàn thành); công việc ở Porto đã kết thúc "
        "(quá khứ đơn)."
    ),
    "Moved is past simple, a finished action, so it goes with ago.": (
        "Moved ở thì quá khứ đơn, là một hành động đã kết thúc, nên đi với ago."
    ),
}
