"""Vocabulary: everyday words, work and study, idioms and collocations."""

from lessons.demo.spec import (
    CategorySpec,
    LessonSpec,
    SubcategorySpec,
    choice,
    culture,
    dialogue,
    gaps,
    heading,
    image,
    match,
    mistake,
    order,
    paragraph,
    say,
    tip,
    word,
)

FOOD_AND_DRINK = LessonSpec(
    title="Food and drink",
    intro="Name everyday food and drink, and say 'a', 'an' or 'some' correctly.",
    difficulty="beginner",
    cefr_level="A1",
    estimated_duration=15,
    body=[
        heading("Words for the table"),
        word(
            "breakfast",
            "/ˈbrekfəst/",
            "noun",
            "The first meal of the day.",
            "I have toast and coffee for breakfast.",
        ),
        word(
            "banana",
            "/bəˈnɑːnə/",
            "noun",
            "A long curved fruit with a yellow skin.",
            "She eats a banana after the gym.",
            audio="stress-oOo",
        ),
        word(
            "vegetables",
            "/ˈvedʒtəblz/",
            "noun",
            "Plants or parts of plants that we eat, such as carrots and beans.",
            "Try to eat fresh vegetables every day.",
        ),
        word(
            "delicious",
            "/dɪˈlɪʃəs/",
            "adjective",
            "With a very good taste.",
            "This soup is delicious!",
        ),
        word(
            "thirsty",
            "/ˈθɜːsti/",
            "adjective",
            "Needing or wanting a drink.",
            "I'm thirsty. Can I have some water?",
        ),
        heading("a, an or some?"),
        paragraph(
            "<p><b>Countable</b> nouns can be counted: <i>a banana, two eggs</i>. "
            "<b>Uncountable</b> nouns cannot: <i>bread, rice, water, milk</i>. Use <b>some</b> "
            "with uncountable and plural nouns: <i>some bread, some apples</i>.</p>"
        ),
        tip(
            "<p>To count uncountable food, use a container or a piece: <i>a loaf of bread, a "
            "glass of water, a slice of cake, a bowl of soup</i>.</p>"
        ),
        dialogue(
            "At the café",
            ("Waiter", "Hi there. What can I get you?"),
            ("Customer", "Could I have a cheese sandwich and a glass of orange juice, please?"),
            ("Waiter", "Sure. Anything else?"),
            ("Customer", "Some chocolate cake, please. It looks delicious."),
        ),
        heading("Practice"),
        match(
            "Match each container or piece with the food or drink.",
            [
                ("a cup of", "coffee"),
                ("a loaf of", "bread"),
                ("a bowl of", "soup"),
                ("a bottle of", "water"),
                ("a slice of", "cake"),
            ],
        ),
        choice(
            "Which word is uncountable?",
            ["apple", "egg", "rice", "banana"],
            correct="rice",
            explanation="We say 'some rice', not 'a rice' or 'two rices'.",
        ),
        gaps(
            "For breakfast I usually have {1} bowl of cereal and {2} orange.",
            ["a", "an"],
            explanation="'An' goes before a vowel sound: an orange.",
        ),
    ],
)

TELLING_THE_TIME = LessonSpec(
    title="Telling the time",
    intro="Ask for and say the time, the British way and the digital way.",
    difficulty="beginner",
    cefr_level="A1",
    estimated_duration=10,
    cover="clock",
    body=[
        heading("What time is it?"),
        image("clock", caption="7:30 — half past seven, or seven thirty."),
        paragraph(
            "<ul><li>On the hour: <i>It's eight o'clock.</i></li>"
            "<li>Minutes after the hour: <b>past</b>: <i>ten past eight (8:10), quarter past "
            "eight (8:15), half past eight (8:30)</i>.</li><li>Minutes before the next hour: "
            "<b>to</b>: <i>quarter to nine (8:45), five to nine (8:55)</i>.</li>"
            "<li>The digital way says the numbers: <i>eight fifteen, eight forty-five</i>.</li>"
            "</ul>"
        ),
        word(
            "o'clock",
            "/əˈklɒk/",
            "adverb",
            "Used after the numbers 1 to 12 to say an exact hour.",
            "The shop opens at nine o'clock.",
        ),
        word(
            "quarter",
            "/ˈkwɔːtə/",
            "noun",
            "Fifteen minutes; one of four equal parts.",
            "The train leaves at quarter past six.",
        ),
        word(
            "midday",
            "/ˌmɪdˈdeɪ/",
            "noun",
            "Twelve o'clock in the middle of the day.",
            "Let's meet at midday for lunch.",
        ),
        culture(
            "<p>In conversation most people use the 12-hour clock, with <i>in the morning / "
            "afternoon / evening</i> or <i>a.m. / p.m.</i>: <i>The party starts at eight in "
            "the evening.</i> The 24-hour clock (<i>20:00</i>) is mostly used in timetables.</p>"
        ),
        heading("Practice"),
        match(
            "Match each time with how we say it.",
            [
                ("7:15", "quarter past seven"),
                ("7:30", "half past seven"),
                ("7:45", "quarter to eight"),
                ("8:00", "eight o'clock"),
                ("8:10", "ten past eight"),
            ],
        ),
        gaps(
            "The film starts at 9:30, so it starts at half {1} nine. It ends at 11:45, at "
            "quarter {2} twelve.",
            ["past", "to"],
            explanation="After the hour we say past; before the next hour we say to.",
        ),
        say(
            "Look at a clock. What time is it? Say it in two ways.",
            "It's half past seven. It's seven thirty.",
            show=False,
            explanation="Say it with past or to, and then the digital way.",
        ),
    ],
)

FAMILY = LessonSpec(
    title="Family members",
    intro="Talk about your family, from parents and siblings to nieces and in-laws.",
    difficulty="beginner",
    cefr_level="A1",
    estimated_duration=10,
    body=[
        heading("Your family"),
        word(
            "parents",
            "/ˈpeərənts/",
            "noun",
            "Your mother and father.",
            "My parents live in a small village.",
        ),
        word(
            "siblings",
            "/ˈsɪblɪŋz/",
            "noun",
            "Your brothers and sisters.",
            "I have three siblings: two brothers and a sister.",
        ),
        word(
            "niece",
            "/niːs/",
            "noun",
            "The daughter of your brother or sister.",
            "My niece is starting school this year.",
        ),
        word(
            "nephew",
            "/ˈnefjuː/",
            "noun",
            "The son of your brother or sister.",
            "I'm taking my nephew to the zoo on Saturday.",
        ),
        paragraph(
            "<p>Use <b>'s</b> to show who belongs to whom: <i>my sister's husband</i> is my "
            "<b>brother-in-law</b>; <i>my husband's mother</i> is my <b>mother-in-law</b>.</p>"
        ),
        dialogue(
            "A family photo",
            ("Zoe", "Who's that next to you?"),
            ("Omar", "That's my brother Karim, and that's his wife, Lina."),
            ("Zoe", "And the little girl?"),
            ("Omar", "That's their daughter, my niece. She's four."),
        ),
        heading("Practice"),
        match(
            "Who are they? Match each description with the family word.",
            [
                ("my mother's mother", "my grandmother"),
                ("my father's brother", "my uncle"),
                ("my sister's son", "my nephew"),
                ("my brother's daughter", "my niece"),
                ("my aunt's child", "my cousin"),
            ],
        ),
        choice(
            "Your wife's brother is your ___.",
            ["uncle", "brother-in-law", "cousin", "nephew"],
            correct="brother-in-law",
            explanation="The family of your husband or wife are your in-laws.",
        ),
    ],
)

JOBS = LessonSpec(
    title="Jobs and workplaces",
    intro="Say what you do, where you work and how you get there.",
    difficulty="beginner",
    cefr_level="A2",
    estimated_duration=15,
    body=[
        heading("What do you do?"),
        paragraph(
            "<p><i>What do you do?</i> means <i>What is your job?</i> Answer with <i>I'm a / "
            "an …</i> or <i>I work as a / an …</i>: <i>I'm a nurse. I work as an engineer.</i>"
            "</p>"
        ),
        word("nurse", "/nɜːs/", "noun", "A person who cares for people who are ill or hurt."),
        word(
            "engineer",
            "/ˌendʒɪˈnɪə/",
            "noun",
            "A person who designs or builds machines, roads or systems.",
            "She's an engineer at a car company.",
        ),
        word(
            "accountant",
            "/əˈkaʊntənt/",
            "noun",
            "A person whose job is to keep and check financial records.",
        ),
        word(
            "colleague",
            "/ˈkɒliːɡ/",
            "noun",
            "A person you work with.",
            "I have lunch with my colleagues on Fridays.",
        ),
        word(
            "commute",
            "/kəˈmjuːt/",
            "verb",
            "To travel regularly between home and work.",
            "I commute to work by train; it takes forty minutes.",
        ),
        tip(
            "<p>Work <b>as</b> a job, <b>for</b> a company, <b>in</b> a field or a town, "
            "<b>at</b> a place: <i>I work as a chef for a hotel group. I work in tourism. I "
            "work at the Grand Hotel.</i></p>"
        ),
        dialogue(
            "At a party",
            ("Hannah", "So, what do you do?"),
            ("Diego", "I'm a mechanic. I work at a garage near the station."),
            ("Hannah", "Do you enjoy it?"),
            ("Diego", "Yes, I love it. And my commute is only ten minutes on foot!"),
        ),
        heading("Practice"),
        match(
            "Where do they work? Match each job with its workplace.",
            [
                ("nurse", "hospital"),
                ("chef", "restaurant"),
                ("teacher", "school"),
                ("mechanic", "garage"),
                ("pilot", "aeroplane"),
            ],
        ),
        gaps(
            "I work {1} an accountant {2} a small company {3} Manchester.",
            ["as", "for", "in"],
            explanation="Work as (a job), for (a company), in (a town).",
        ),
    ],
)

PHRASAL_VERBS = LessonSpec(
    title="Phrasal verbs for work",
    intro="Carry out, follow up, put off: the phrasal verbs you hear in every office.",
    difficulty="intermediate",
    cefr_level="B2",
    estimated_duration=20,
    body=[
        heading("Verb + particle"),
        paragraph(
            "<p>A phrasal verb is a verb with a particle such as <i>up, out, off</i> or "
            "<i>on</i>. The meaning is often different from the verb alone: <i>put off</i> "
            "means to postpone, not to put something somewhere.</p>"
        ),
        word(
            "carry out",
            "/ˌkæri ˈaʊt/",
            "phrasal_verb",
            "To do a task, a plan or a piece of research.",
            "We carried out a survey of 500 customers.",
        ),
        word(
            "follow up",
            "/ˌfɒləʊ ˈʌp/",
            "phrasal_verb",
            "To contact someone again or take further action about something.",
            "I'll follow up with an email after the meeting.",
        ),
        word(
            "put off",
            "/ˌpʊt ˈɒf/",
            "phrasal_verb",
            "To postpone; to move to a later time.",
            "They put off the launch until March.",
        ),
        word(
            "take on",
            "/ˌteɪk ˈɒn/",
            "phrasal_verb",
            "To accept work or responsibility; to employ someone.",
            "The company is taking on twenty new staff.",
        ),
        word(
            "set up",
            "/ˌset ˈʌp/",
            "phrasal_verb",
            "To start a company or organise something.",
            "She set up her own business in 2020.",
        ),
        mistake(
            "<p>With separable phrasal verbs, a pronoun goes <b>between</b> the verb and the "
            "particle: <i>put the meeting off</i> or <i>put off the meeting</i>, but only "
            "<i>put it off</i>, never <i>put off it</i>.</p>"
        ),
        heading("Practice"),
        match(
            "Match each phrasal verb with its meaning.",
            [
                ("carry out", "do a task"),
                ("put off", "postpone"),
                ("take on", "employ or accept"),
                ("set up", "start a company"),
                ("follow up", "contact again"),
            ],
        ),
        choice(
            "We need to ___ the meeting until next week; the manager is ill.",
            ["put off", "carry out", "take on", "set up"],
            correct="put off",
            explanation="Put off means postpone.",
        ),
        gaps(
            "The team {1} a survey of 500 customers last month, and I'll {2} with an email to "
            "each of them.",
            ["carried out", "follow up"],
            explanation="Carry out a survey (do it); follow up (contact them again).",
        ),
        order(
            "Put the words in order.",
            ["Can we", "put", "it", "off", "until Friday?"],
            explanation="The pronoun goes between the verb and the particle: put it off.",
        ),
    ],
)

MAKE_OR_DO = LessonSpec(
    title="Make or do? Common collocations",
    intro="Make a mistake, do your homework: learn which verb goes with which noun.",
    difficulty="intermediate",
    cefr_level="B1",
    estimated_duration=20,
    body=[
        heading("Words that go together"),
        paragraph(
            "<p>A <b>collocation</b> is a pair of words that naturally go together. With "
            "<i>make</i> and <i>do</i> there is a general rule:</p>"
            "<ul><li><b>do</b> for tasks, work and activities: <i>do your homework, do the "
            "washing-up, do business, do exercise</i></li><li><b>make</b> for creating or "
            "producing something: <i>make a cake, make a mistake, make a decision, make money, "
            "make a noise</i></li></ul>"
        ),
        word(
            "collocation",
            "/ˌkɒləˈkeɪʃn/",
            "noun",
            "A combination of words that are often used together.",
            "'Heavy rain' is a collocation; 'strong rain' is not.",
        ),
        word(
            "do someone a favour",
            "/duː ˈsʌmwʌn ə ˈfeɪvə/",
            "phrase",
            "To help someone.",
            "Could you do me a favour and water my plants?",
        ),
        tip(
            "<p>Learn collocations in whole phrases, not single words: write <i>make a "
            "decision</i> in your notebook, not just <i>decision</i>.</p>"
        ),
        heading("Practice"),
        match(
            "Make or do? Drag each phrase to its verb.",
            [
                ("a mistake", "make"),
                ("your homework", "do"),
                ("a decision", "make"),
                ("the washing-up", "do"),
                ("a noise", "make"),
                ("someone a favour", "do"),
            ],
        ),
        gaps(
            "Can you {1} me a favour? I need to {2} a phone call.",
            ["do", "make"],
            explanation="Do someone a favour; make a phone call.",
        ),
        choice(
            "Which nouns go with 'make'? Choose all that apply.",
            ["money", "exercise", "friends", "the shopping", "an effort"],
            correct=["money", "friends", "an effort"],
            allow_multiple=True,
            explanation="Make money, make friends, make an effort; but do exercise, do the "
            "shopping.",
        ),
    ],
)

WEATHER_IDIOMS = LessonSpec(
    title="Weather idioms",
    intro="Under the weather, a storm in a teacup, come rain or shine: idioms that native "
    "speakers really use.",
    difficulty="intermediate",
    cefr_level="B2",
    estimated_duration=15,
    body=[
        heading("When the weather is not about the weather"),
        paragraph(
            "<p>An <b>idiom</b> is a phrase whose meaning is different from the meaning of its "
            "words. English has many idioms about the weather.</p>"
        ),
        word(
            "under the weather",
            "/ˈʌndə ðə ˈweðə/",
            "idiom",
            "Slightly ill.",
            "I'm feeling a bit under the weather, so I'll stay at home today.",
        ),
        word(
            "a storm in a teacup",
            "/ə stɔːm ɪn ə ˈtiːkʌp/",
            "idiom",
            "A lot of anger or worry about something unimportant.",
            "The argument about the parking spaces was a storm in a teacup.",
        ),
        word(
            "break the ice",
            "/breɪk ði aɪs/",
            "idiom",
            "To make people who have just met feel more relaxed.",
            "He told a funny story to break the ice.",
        ),
        word(
            "come rain or shine",
            "/kʌm reɪn ɔː ʃaɪn/",
            "idiom",
            "Whatever happens.",
            "He walks his dog every morning, come rain or shine.",
        ),
        culture(
            "<p><i>It's raining cats and dogs</i> (it's raining heavily) is famous in "
            "textbooks, but few people under sixty say it. <i>It's pouring</i> is more "
            "natural.</p>"
        ),
        dialogue(
            "Monday morning",
            ("Tess", "Are you OK? You look a bit under the weather."),
            ("Sam", "Just a cold. And the office drama this morning didn't help."),
            ("Tess", "The email about the coffee machine? Oh, that's a storm in a teacup."),
        ),
        heading("Practice"),
        choice(
            "'I'm feeling a bit under the weather today.' What does the speaker mean?",
            [
                "I'm slightly ill.",
                "I'm very happy.",
                "I'm outside in the rain.",
                "I'm worried about the storm.",
            ],
            correct="I'm slightly ill.",
        ),
        match(
            "Match each idiom with its meaning.",
            [
                ("under the weather", "slightly ill"),
                ("a storm in a teacup", "a fuss about nothing"),
                ("break the ice", "help people relax"),
                ("come rain or shine", "whatever happens"),
            ],
        ),
        gaps(
            "She's so dedicated; she goes running every morning, come rain or {1}.",
            ["shine"],
        ),
    ],
)

VOCABULARY = CategorySpec(
    title="Vocabulary",
    intro="Words and phrases for everyday life, work and natural conversation.",
    image="vocabulary",
    subcategories=[
        SubcategorySpec(
            title="Everyday life",
            intro="Food, time and family: the words you need every day.",
            image="everyday-life",
            lessons=[FOOD_AND_DRINK, TELLING_THE_TIME, FAMILY],
        ),
        SubcategorySpec(
            title="Work and study",
            intro="Talk about jobs, workplaces and the phrasal verbs of office life.",
            image="work-and-study",
            lessons=[JOBS, PHRASAL_VERBS],
        ),
        SubcategorySpec(
            title="Idioms and collocations",
            intro="Sound natural: words that go together and phrases that mean more than "
            "their words.",
            image="idioms",
            lessons=[MAKE_OR_DO, WEATHER_IDIOMS],
        ),
    ],
)
