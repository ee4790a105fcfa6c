"""Grammar: tenses, modal verbs and conditionals, articles and prepositions."""

from lessons.demo.spec import (
    CategorySpec,
    LessonSpec,
    SubcategorySpec,
    audio,
    choice,
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
    video,
    word,
)

PRESENT_SIMPLE = LessonSpec(
    title="Present simple: habits and routines",
    intro="Talk about what you do every day, how often you do it, and facts that are always true.",
    difficulty="beginner",
    cefr_level="A1",
    estimated_duration=15,
    body=[
        heading("When do we use the present simple?"),
        paragraph(
            "<p>We use the present simple for <b>habits</b>, <b>routines</b> and <b>facts</b> "
            "that are always or generally true: <i>I drink coffee every morning. Water boils at "
            "100 degrees.</i></p>"
        ),
        heading("How do we make it?"),
        paragraph(
            "<ul><li><b>I / you / we / they</b> + verb: <i>They work in a hospital.</i></li>"
            "<li><b>he / she / it</b> + verb + <b>-s</b>: <i>She works in a hospital.</i></li>"
            "<li>Negatives: <b>don't / doesn't</b> + verb: <i>He doesn't eat meat.</i></li>"
            "<li>Questions: <b>do / does</b> + subject + verb: <i>Do you like tea? Where does "
            "she live?</i></li></ul>"
        ),
        audio(
            "rising",
            title="Yes/no questions go up",
            transcript="Do you like tea? The voice rises at the end of a yes/no question.",
        ),
        tip(
            "<p>Spelling of the <b>-s</b> form: add <b>-es</b> after -s, -sh, -ch, -x and -o "
            "(<i>watches, goes</i>); change consonant + <b>-y</b> to <b>-ies</b> "
            "(<i>study → studies</i>); <i>have</i> becomes <i>has</i>.</p>"
        ),
        mistake(
            "<p>After <b>does</b> and <b>doesn't</b> the verb loses its -s. Say <i>Does she "
            "like it?</i> and <i>She doesn't like it</i>, not <i>Does she likes it?</i></p>"
        ),
        heading("Words for how often", size="h3"),
        word(
            "usually",
            "/ˈjuːʒuəli/",
            "adverb",
            "In most cases; most of the time.",
            "I usually walk to work, but today I took the bus.",
        ),
        word(
            "often",
            "/ˈɒfn/",
            "adverb",
            "Many times; frequently.",
            "We often eat out on Friday evenings.",
        ),
        word(
            "hardly ever",
            "/ˈhɑːdli ˈevə/",
            "phrase",
            "Almost never.",
            "My grandfather hardly ever watches television.",
        ),
        tip(
            "<p>Frequency adverbs go <b>before</b> the main verb but <b>after</b> the verb "
            "<i>be</i>: <i>I often cook</i>, but <i>I am often late</i>.</p>"
        ),
        dialogue(
            "A typical day",
            ("Maya", "What time do you usually get up?"),
            ("Tom", "At half past six. I start work at eight."),
            ("Maya", "Do you have breakfast at home?"),
            ("Tom", "No, I hardly ever have time. I buy a coffee on the way."),
        ),
        heading("Practice"),
        choice(
            "She ___ to work by bus.",
            ["go", "goes", "going", "is go"],
            correct="goes",
            explanation="With he, she and it, the present simple verb takes -s: she goes.",
        ),
        gaps(
            "My brother {1} (live) in Madrid. He {2} (not like) cold weather, and he {3} (study) "
            "Spanish every evening.",
            ["lives", ["doesn't like", "does not like"], "studies"],
            explanation="He lives, he doesn't like (no -s after doesn't), he studies (y → ies).",
        ),
        order(
            "Put the words in order to make a question.",
            ["Where", "does", "your", "sister", "work?"],
            explanation="Question word + does + subject + verb: Where does your sister work?",
        ),
    ],
)

PRESENT_CONTINUOUS = LessonSpec(
    title="Present continuous: what is happening now",
    intro="Describe actions in progress, temporary situations and your plans for the near future.",
    difficulty="beginner",
    cefr_level="A1",
    estimated_duration=15,
    body=[
        heading("Actions in progress"),
        paragraph(
            "<p>The present continuous is <b>am / is / are + verb-ing</b>. We use it for:</p>"
            "<ul><li>actions happening <b>now</b>: <i>Shh, the baby is sleeping.</i></li>"
            "<li><b>temporary</b> situations: <i>I'm staying with friends this week.</i></li>"
            "<li>fixed <b>plans</b> for the future: <i>We're meeting Ana at six tomorrow.</i>"
            "</li></ul>"
        ),
        tip(
            "<p>Spelling of <b>-ing</b>: drop a final -e (<i>make → making</i>), double one "
            "final consonant after a short stressed vowel (<i>run → running, sit → sitting</i>), "
            "and change -ie to -y (<i>lie → lying</i>).</p>"
        ),
        mistake(
            "<p>Verbs for states, not actions — <i>know, like, want, believe, own, "
            "understand</i> — are not usually continuous. Say <i>I know the answer</i>, not "
            "<i>I am knowing the answer</i>.</p>"
        ),
        word(
            "at the moment",
            "/ət ðə ˈməʊmənt/",
            "phrase",
            "Now; during this period.",
            "I'm working from home at the moment.",
        ),
        dialogue(
            "On the phone",
            ("Sam", "Hi! What are you doing?"),
            ("Lena", "I'm cooking dinner. Ben's watching the football."),
            ("Sam", "Are you coming to the party later?"),
            ("Lena", "Yes, we're leaving at eight."),
        ),
        heading("Practice"),
        choice(
            "Which sentences are correct? Choose all that apply.",
            [
                "I'm understanding you now.",
                "She's wearing a blue coat today.",
                "We're meeting Ana at six tomorrow.",
                "He's wanting a new phone.",
            ],
            correct=["She's wearing a blue coat today.", "We're meeting Ana at six tomorrow."],
            allow_multiple=True,
            explanation="Understand and want are state verbs, so they stay in the present "
            "simple: I understand you, he wants a new phone.",
        ),
        gaps(
            "Listen! The baby {1} (cry). Don't worry, Dad {2} (make) her bottle.",
            ["is crying", "is making"],
            explanation="Both actions are happening now: is + -ing.",
        ),
        say(
            "Look around you. Say one thing you are doing and one thing somebody near you is "
            "doing right now.",
            "I'm learning English and my friend is reading.",
            show=False,
            explanation="Use I'm + -ing for yourself and he's / she's + -ing for the other person.",
        ),
    ],
)

PAST_SIMPLE = LessonSpec(
    title="Past simple: regular and irregular verbs",
    intro="Tell stories and talk about finished events with the past simple.",
    difficulty="beginner",
    cefr_level="A2",
    estimated_duration=20,
    body=[
        heading("Finished actions"),
        paragraph(
            "<p>We use the past simple for actions that finished at a time in the past, often "
            "with <i>yesterday, last week, in 2019</i> or <i>two days ago</i>: <i>I called my "
            "mum yesterday.</i></p>"
        ),
        paragraph(
            "<p><b>Regular verbs</b> add <b>-ed</b>: <i>work → worked, play → played</i>. "
            "<b>Irregular verbs</b> have their own forms, and you need to learn them: <i>go → "
            "went, see → saw, buy → bought, have → had, make → made, take → took</i>.</p>"
            "<p>Negatives and questions use <b>did</b> + the base verb for every verb: <i>I "
            "didn't go. Did you see it?</i></p>"
        ),
        tip(
            "<p>Three sounds for <b>-ed</b>: /t/ after voiceless sounds (<i>walked, "
            "watched</i>), /d/ after voiced sounds (<i>played, lived</i>) and an extra syllable "
            "/ɪd/ after t and d (<i>wanted, needed</i>).</p>"
        ),
        word(
            "ago",
            "/əˈɡəʊ/",
            "adverb",
            "Before now; used after a length of time.",
            "I moved to this city three years ago.",
        ),
        dialogue(
            "Last weekend",
            ("Ana", "Did you do anything nice at the weekend?"),
            ("Kofi", "Yes, I went to the coast with my cousins."),
            ("Ana", "Lovely! Did you swim?"),
            ("Kofi", "No, the water was too cold, but we ate fantastic fish and chips."),
        ),
        heading("Practice"),
        match(
            "Match each verb with its past simple form.",
            [
                ("go", "went"),
                ("see", "saw"),
                ("buy", "bought"),
                ("take", "took"),
                ("write", "wrote"),
            ],
        ),
        gaps(
            "Last summer we {1} (go) to Scotland. We {2} (stay) in a small hotel and {3} (see) "
            "some beautiful lakes.",
            ["went", "stayed", "saw"],
            explanation="Go and see are irregular (went, saw); stay is regular (stayed).",
        ),
        choice(
            "In which verb does -ed add an extra syllable, /ɪd/?",
            ["walked", "played", "wanted", "watched"],
            correct="wanted",
            explanation="After t and d, -ed is pronounced /ɪd/: want-ed.",
        ),
    ],
)

PRESENT_PERFECT = LessonSpec(
    title="Present perfect or past simple?",
    intro="Choose between 'I've lost my keys' and 'I lost my keys yesterday', and use for, "
    "since, ever and never.",
    difficulty="intermediate",
    cefr_level="B1",
    estimated_duration=25,
    body=[
        heading("Two ways to talk about the past"),
        paragraph(
            "<p>The <b>past simple</b> describes a finished action at a finished time: <i>I "
            "lost my keys yesterday.</i> The time is over, and often it is said.</p>"
            "<p>The <b>present perfect</b> (<b>have / has</b> + past participle) connects the "
            "past with <b>now</b>. We use it for:</p>"
            "<ul><li>experiences in your life, without a time: <i>Have you ever been to Japan?"
            "</i></li><li>past actions with a result now: <i>I've lost my keys</i> (I can't get "
            "in)</li><li>situations that started in the past and continue: <i>She has lived "
            "here since 2015.</i></li></ul>"
        ),
        image(
            "timeline",
            caption="Past simple: a finished moment. Present perfect: a past action that "
            "matters now.",
        ),
        video(
            "https://www.youtube.com/watch?v=p6JmuUt3xLk",
            caption="A visual guide to the perfect tenses (EnglishAnyone).",
        ),
        mistake(
            "<p>Do not use the present perfect with a finished time: say <i>I saw that film "
            "last night</i>, not <i>I have seen that film last night</i>.</p>"
        ),
        tip(
            "<p><b>for</b> + a length of time (<i>for ten years, for a week</i>); <b>since</b> + "
            "a starting point (<i>since 2015, since Monday, since I was a child</i>).</p>"
        ),
        dialogue(
            "Catching up",
            ("Jess", "Have you ever been to Japan?"),
            ("Raj", "Yes, I have. I went there in 2019."),
            ("Jess", "What did you think of it?"),
            ("Raj", "I loved it. I've wanted to go back ever since."),
        ),
        heading("Practice"),
        choice(
            "I ___ my keys. Can you help me look for them?",
            ["lost", "have lost", "was losing", "had lost"],
            correct="have lost",
            explanation="The loss matters now (we need to find them), so we use the present "
            "perfect.",
        ),
        gaps(
            "She {1} (work) here since 2018. Before that, she {2} (teach) at a school in Porto "
            "for five years.",
            [["has worked", "has been working", "'s worked"], "taught"],
            explanation="Since 2018 continues until now (present perfect); the job in Porto is "
            "finished (past simple).",
        ),
        choice(
            "We moved to this flat ___.",
            ["since three years", "for three years", "three years ago", "since three years ago"],
            correct="three years ago",
            explanation="Moved is past simple, a finished action, so it goes with ago.",
        ),
    ],
)

CAN_COULD = LessonSpec(
    title="Can and could: ability and requests",
    intro="Say what you can do, what you could do as a child, and ask for things politely.",
    difficulty="beginner",
    cefr_level="A2",
    estimated_duration=15,
    body=[
        heading("Ability"),
        paragraph(
            "<p><b>can</b> + verb for ability now: <i>I can swim.</i> <b>could</b> for general "
            "ability in the past: <i>I could read when I was four.</i> For other tenses use "
            "<b>be able to</b>: <i>I'll be able to drive next year.</i></p>"
        ),
        heading("Requests and permission"),
        paragraph(
            "<p><i>Can I …?</i> and <i>Can you …?</i> are fine with friends. <i>Could I …?</i> "
            "and <i>Could you …?</i> are more polite, for strangers and at work: <i>Could you "
            "send me the report, please?</i></p>"
        ),
        mistake(
            "<p>There is no <b>to</b> after can and could, and no -s: <i>She can drive</i>, not "
            "<i>She can to drive</i> or <i>She cans drive</i>.</p>"
        ),
        word(
            "politely",
            "/pəˈlaɪtli/",
            "adverb",
            "In a way that shows good manners and respect.",
            "He politely asked the waiter for the bill.",
        ),
        dialogue(
            "At the library",
            ("Student", "Excuse me, could you help me? I can't find this book."),
            ("Librarian", "Of course. Can I see the title?"),
            ("Student", "Here you are."),
            ("Librarian", "It's on the second floor. You can borrow it for three weeks."),
        ),
        heading("Practice"),
        choice(
            "When I was five, I ___ read.",
            ["can", "could", "can to", "could to"],
            correct="could",
            explanation="Past ability uses could, with no 'to' after it.",
        ),
        order(
            "Make a polite request.",
            ["Could", "you", "open", "the", "window,", "please?"],
        ),
        say(
            "You are on holiday. Ask a stranger politely to take a photo of you and your friends.",
            "Could you take a photo of us, please?",
            show=False,
            explanation="'Could you … please?' is the polite form for strangers.",
        ),
    ],
)

OBLIGATION = LessonSpec(
    title="Should, must and have to",
    intro="Give advice, talk about rules, and learn the big difference between 'mustn't' and "
    "'don't have to'.",
    difficulty="intermediate",
    cefr_level="B1",
    estimated_duration=20,
    body=[
        heading("Advice and obligation"),
        paragraph(
            "<ul><li><b>should / shouldn't</b> — advice, a good idea: <i>You should see a "
            "doctor.</i></li><li><b>must</b> — a strong obligation the speaker feels, and written "
            "rules: <i>I must call my mother. Passengers must wear seat belts.</i></li>"
            "<li><b>have to</b> — an obligation from outside, such as a rule or a boss: <i>I "
            "have to wear a uniform at work.</i></li></ul>"
        ),
        mistake(
            "<p><b>mustn't</b> means it is <b>not allowed</b>: <i>You mustn't smoke here.</i> "
            "<b>don't have to</b> means it is <b>not necessary</b>: <i>You don't have to come "
            "if you're busy.</i></p>"
        ),
        tip(
            "<p>Must has no past form: for past obligation use <b>had to</b>: <i>I had to "
            "work late yesterday.</i></p>"
        ),
        word(
            "deadline",
            "/ˈdedlaɪn/",
            "noun",
            "The time or day by which something must be finished.",
            "The deadline for the application is Friday at noon.",
        ),
        dialogue(
            "First day at work",
            ("Manager", "You have to sign in at reception every morning."),
            ("Luis", "Do I have to wear a suit?"),
            ("Manager", "No, you don't have to. Smart casual is fine."),
            ("Luis", "Is there anything I mustn't do?"),
            ("Manager", "You mustn't share your password with anyone."),
        ),
        heading("Practice"),
        match(
            "Match each sentence to its meaning.",
            [
                ("You mustn't smoke here.", "It is not allowed."),
                ("You don't have to wear a tie.", "It is not necessary."),
                ("You should see a doctor.", "It is a good idea."),
                ("I have to wear a uniform.", "It is a rule I follow."),
            ],
        ),
        choice(
            "It's a holiday tomorrow, so we ___ get up early.",
            ["mustn't", "don't have to", "shouldn't to", "must"],
            correct="don't have to",
            explanation="Getting up early is not necessary; it is not forbidden.",
        ),
        gaps(
            "You look tired. You {1} go to bed earlier.",
            [["should", "ought to"]],
            explanation="Advice: should (or the more formal ought to).",
        ),
    ],
)

CONDITIONALS = LessonSpec(
    title="First and second conditionals",
    intro="Talk about real possibilities and imaginary situations with 'if'.",
    difficulty="intermediate",
    cefr_level="B1",
    estimated_duration=25,
    body=[
        heading("Real or imaginary?"),
        paragraph(
            "<p><b>First conditional</b> — a real possibility in the future: <b>if</b> + "
            "present simple, <b>will</b> + verb. <i>If it rains tomorrow, we'll stay at home."
            "</i></p><p><b>Second conditional</b> — an imaginary or unlikely situation: "
            "<b>if</b> + past simple, <b>would</b> + verb. <i>If I won the lottery, I would "
            "travel around the world.</i> The past form does not mean past time here.</p>"
        ),
        mistake(
            "<p>No <b>will</b> or <b>would</b> in the if-part: <i>If it rains, …</i>, not "
            "<i>If it will rain, …</i></p>"
        ),
        tip(
            "<p>To give advice, use <i>If I were you, I'd …</i>. <b>were</b> is used with "
            "every person in careful English: <i>If she were here, she'd know.</i></p>"
        ),
        dialogue(
            "Weekend plans",
            ("Priya", "If the weather's good on Saturday, we'll go hiking."),
            ("Marco", "And if it isn't?"),
            ("Priya", "Then we'll go to the cinema."),
            ("Marco", "If I had a car, I'd drive us to the mountains."),
        ),
        heading("Practice"),
        choice(
            "If I ___ the lottery, I'd travel around the world.",
            ["win", "won", "will win", "would win"],
            correct="won",
            explanation="An imaginary situation: second conditional, if + past simple.",
        ),
        gaps(
            "If it {1} (be) sunny tomorrow, we {2} (go) to the beach.",
            ["is", ["will go", "'ll go"]],
            explanation="A real possibility: if + present simple, will + verb.",
        ),
        order(
            "Build a second conditional sentence.",
            ["If I had", "more free time,", "I would", "learn the piano."],
        ),
    ],
)

THIRD_CONDITIONAL = LessonSpec(
    title="Third and mixed conditionals",
    intro="Imagine a different past, talk about regrets, and connect past events to the present.",
    difficulty="advanced",
    cefr_level="C1",
    estimated_duration=25,
    body=[
        heading("Imagining a different past"),
        paragraph(
            "<p><b>Third conditional</b>: <b>if</b> + past perfect, <b>would have</b> + past "
            "participle. It describes something that did not happen and its imaginary result: "
            "<i>If we had left earlier, we would have caught the train.</i> (We didn't leave "
            "earlier, and we missed it.)</p>"
        ),
        heading("Mixed conditionals", size="h3"),
        paragraph(
            "<ul><li>Past condition → present result: <i>If I had studied medicine, I would be "
            "a doctor now.</i></li><li>Present condition → past result: <i>If I weren't so "
            "shy, I would have spoken to her at the party.</i></li></ul>"
        ),
        tip(
            "<p>In formal English you can drop <i>if</i> and invert: <i>Had I known, I would "
            "have called you.</i></p>"
        ),
        mistake(
            "<p>In speech <i>would have</i> sounds like /ˈwʊdəv/ and is written "
            "<b>would've</b>, never <i>would of</i>.</p>"
        ),
        heading("Practice"),
        choice(
            "If she ___ the earlier train, she wouldn't have missed the interview.",
            ["caught", "had caught", "would catch", "has caught"],
            correct="had caught",
            explanation="Third conditional: if + past perfect.",
        ),
        gaps(
            "If we {1} (leave) earlier, we {2} (not get) stuck in traffic.",
            [
                ["had left", "'d left"],
                [
                    "wouldn't have got",
                    "would not have got",
                    "wouldn't have gotten",
                    "would not have gotten",
                ],
            ],
            explanation="If + past perfect, would (not) have + past participle.",
        ),
        choice(
            "Which sentences are mixed conditionals? Choose all that apply.",
            [
                "If I had taken the job, I would live in Berlin now.",
                "If it rains, the match will be cancelled.",
                "If he spoke French, he would have understood the film.",
                "If you had asked me, I would have helped.",
            ],
            correct=[
                "If I had taken the job, I would live in Berlin now.",
                "If he spoke French, he would have understood the film.",
            ],
            allow_multiple=True,
            explanation="Mixed conditionals join a past condition to a present result, or a "
            "present condition to a past result.",
        ),
        say(
            "Think of a decision you made in the past. Say how your life would be different "
            "now if you had decided differently.",
            "If I had moved abroad, I would speak better English now.",
            show=False,
            explanation="A past condition with a present result: if + past perfect, would + verb.",
        ),
    ],
)

PREPOSITIONS = LessonSpec(
    title="Prepositions of place: in, on, under, next to",
    intro="Say where things are in a room, on a desk or in the street.",
    difficulty="beginner",
    cefr_level="A1",
    estimated_duration=10,
    cover="prepositions",
    body=[
        heading("Where is the ball?"),
        image("prepositions", caption="In, on, under and next to."),
        paragraph(
            "<ul><li><b>in</b> — inside something: <i>The ball is in the box.</i></li>"
            "<li><b>on</b> — touching the top or a surface: <i>The ball is on the box.</i></li>"
            "<li><b>under</b> — below something: <i>The ball is under the table.</i></li>"
            "<li><b>next to</b> — at the side of something: <i>The ball is next to the box.</i>"
            "</li></ul>"
        ),
        word(
            "between",
            "/bɪˈtwiːn/",
            "preposition",
            "In the space that separates two things.",
            "The bank is between the café and the post office.",
        ),
        word(
            "behind",
            "/bɪˈhaɪnd/",
            "preposition",
            "At the back of something.",
            "The car park is behind the supermarket.",
        ),
        word(
            "opposite",
            "/ˈɒpəzɪt/",
            "preposition",
            "Facing something, on the other side.",
            "There's a bus stop opposite my house.",
        ),
        tip(
            "<p>We say <b>on</b> the wall, <b>on</b> the floor and <b>on</b> the second floor, "
            "but <b>in</b> the corner of a room and <b>at</b> the corner of a street.</p>"
        ),
        heading("Practice"),
        match(
            "Match each preposition with its meaning.",
            [
                ("in", "inside something"),
                ("on", "touching the top of something"),
                ("under", "below something"),
                ("next to", "at the side of something"),
                ("behind", "at the back of something"),
            ],
        ),
        gaps(
            "My keys are {1} the table, and my phone is {2} my bag.",
            ["on", "in"],
            explanation="On a surface (the table), in a container (the bag).",
        ),
        choice(
            "We live ___ the second floor.",
            ["in", "on", "at", "under"],
            correct="on",
            explanation="Floors of a building take on: on the second floor.",
        ),
    ],
)

ARTICLES = LessonSpec(
    title="Articles: a, an and the",
    intro="Know when to say a, an, the, or nothing at all.",
    difficulty="beginner",
    cefr_level="A2",
    estimated_duration=20,
    body=[
        heading("a and an"),
        paragraph(
            "<p>Use <b>a / an</b> with one thing that is not specific, when you mention it for "
            "the first time, and for jobs: <i>I saw a dog. She's an engineer.</i></p>"
        ),
        tip(
            "<p>Choose by the first <b>sound</b>, not the letter: <i>an hour</i> (h is silent), "
            "<i>an umbrella</i>, but <i>a university</i> and <i>a European</i> (they start with "
            "a /j/ sound).</p>"
        ),
        heading("the"),
        paragraph(
            "<p>Use <b>the</b> when the listener knows which one: something mentioned before, "
            "something unique, or something specific: <i>The dog was very friendly. The sun is "
            "hot. Can you close the door?</i></p>"
        ),
        heading("No article", size="h3"),
        paragraph(
            "<p>Use no article for things in general with plural or uncountable nouns: <i>Dogs "
            "are loyal. I love music.</i></p>"
        ),
        mistake("<p>Jobs need <b>a / an</b>: <i>I'm a teacher</i>, not <i>I'm teacher</i>.</p>"),
        heading("Practice"),
        choice(
            "She is ___ honest person.",
            ["a", "an", "the", "no article"],
            correct="an",
            explanation="Honest starts with a vowel sound (the h is silent): an honest person.",
        ),
        gaps(
            "I saw {1} dog and {2} cat in the park. {3} dog was chasing {4} cat.",
            ["a", "a", "the", "the"],
            explanation="First mention: a. Second mention, when we know which one: the.",
        ),
        choice(
            "Which words take 'an'? Choose all that apply.",
            ["hour", "uniform", "umbrella", "house", "European city"],
            correct=["hour", "umbrella"],
            allow_multiple=True,
            explanation="An goes before a vowel sound: an hour, an umbrella. Uniform and "
            "European begin with a /j/ sound, and house with /h/.",
        ),
    ],
)

GRAMMAR = CategorySpec(
    title="Grammar",
    intro="The structures of English, explained simply, with examples and practice.",
    image="grammar",
    subcategories=[
        SubcategorySpec(
            title="Tenses",
            intro="Present, past and perfect: when to use each tense and how to build it.",
            image="tenses",
            lessons=[PRESENT_SIMPLE, PRESENT_CONTINUOUS, PAST_SIMPLE, PRESENT_PERFECT],
        ),
        SubcategorySpec(
            title="Modal verbs and conditionals",
            intro="Ability, advice and obligation, and sentences with 'if'.",
            image="modals",
            lessons=[CAN_COULD, OBLIGATION, CONDITIONALS, THIRD_CONDITIONAL],
        ),
        SubcategorySpec(
            title="Articles and prepositions",
            intro="The small words that make a big difference: a, an, the, in, on and under.",
            image="building-blocks",
            lessons=[PREPOSITIONS, ARTICLES],
        ),
    ],
)
