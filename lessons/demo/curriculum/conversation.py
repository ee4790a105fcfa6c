"""Conversation: meeting people, travelling, and speaking at work."""

from lessons.demo.spec import (
    CategorySpec,
    LessonSpec,
    SubcategorySpec,
    choice,
    culture,
    dialogue,
    gaps,
    heading,
    match,
    mistake,
    order,
    paragraph,
    say,
    tip,
    word,
)

INTRODUCING_YOURSELF = LessonSpec(
    title="Introducing yourself",
    intro="Say hello, give your name, and ask the first questions of a conversation.",
    difficulty="beginner",
    cefr_level="A1",
    estimated_duration=10,
    body=[
        heading("First words"),
        paragraph(
            "<ul><li><i>Hi, I'm Sofia.</i> / <i>My name's Sofia.</i></li>"
            "<li><i>Nice to meet you.</i> — <i>Nice to meet you too.</i></li>"
            "<li><i>Where are you from?</i> — <i>I'm from Mexico.</i></li>"
            "<li><i>What do you do?</i> — <i>I'm a student.</i></li></ul>"
        ),
        word(
            "Nice to meet you",
            "/naɪs tə ˈmiːt juː/",
            "phrase",
            "What you say when you meet someone for the first time.",
            "Hi, I'm Tom. Nice to meet you.",
        ),
        word(
            "pleasure",
            "/ˈpleʒə/",
            "noun",
            "A feeling of happiness; in 'It's a pleasure to meet you', a formal greeting.",
        ),
        dialogue(
            "At a language exchange",
            ("Sofia", "Hi, I'm Sofia."),
            ("Daniel", "Hi Sofia, I'm Daniel. Nice to meet you."),
            ("Sofia", "Nice to meet you too. Where are you from?"),
            ("Daniel", "I'm from Canada. And you?"),
            ("Sofia", "I'm from Mexico. I'm here to practise my English."),
        ),
        culture(
            "<p>In English-speaking countries people often use first names quickly, even at "
            "work. A handshake is usual in formal situations; with friends, a smile and "
            "<i>Hi!</i> is enough.</p>"
        ),
        heading("Practice"),
        order(
            "Put the conversation in order.",
            [
                "Hi, I'm Sofia.",
                "Hi Sofia, I'm Daniel. Nice to meet you.",
                "Nice to meet you too. Where are you from?",
                "I'm from Canada. And you?",
            ],
        ),
        choice(
            "Someone says 'Nice to meet you.' What do you answer?",
            ["Nice to meet you too.", "I'm fine, thanks.", "Yes, I am.", "Goodbye."],
            correct="Nice to meet you too.",
        ),
        say(
            "Introduce yourself: say your name, where you are from and what you do.",
            "Hi, I'm Ana. I'm from Brazil and I'm a nurse.",
            show=False,
            explanation="Use I'm + name, I'm from + country, I'm a / an + job.",
        ),
    ],
)

SMALL_TALK = LessonSpec(
    title="Small talk that keeps going",
    intro="Chat with colleagues and neighbours: safe topics, follow-up questions, and how to "
    "avoid one-word answers.",
    difficulty="intermediate",
    cefr_level="B1",
    estimated_duration=15,
    body=[
        heading("Answer, add, ask"),
        paragraph(
            "<p>Small talk is light, friendly conversation. To keep it going: <b>answer</b> "
            "the question, <b>add</b> a detail, and <b>ask</b> something back. <i>How was "
            "your weekend? — Great, thanks. I went hiking in the hills. Did you do anything "
            "nice?</i></p>"
            "<p>Safe topics: the weather, the weekend, holidays, food, the place you are in. "
            "Avoid salary, age, religion and politics with people you don't know well.</p>"
        ),
        word(
            "How's it going?",
            "/haʊz ɪt ˈɡəʊɪŋ/",
            "phrase",
            "An informal way to say 'How are you?'",
            "Hey Mark, how's it going?",
        ),
        word(
            "catch up",
            "/ˌkætʃ ˈʌp/",
            "phrasal_verb",
            "To talk to someone you haven't seen for a while about what has happened.",
            "Let's meet for coffee and catch up.",
        ),
        culture(
            "<p><i>How are you?</i> is usually a greeting, not a real question: answer "
            "briefly (<i>Fine, thanks. You?</i>). And in Britain, the weather is the safest "
            "topic of all.</p>"
        ),
        dialogue(
            "At the coffee machine",
            ("Anna", "Morning! Lovely day, isn't it?"),
            ("Ben", "Yes, finally some sunshine! Did you have a good weekend?"),
            ("Anna", "Really good, thanks. My sister visited from Dublin. How about you?"),
            ("Ben", "Quiet. I mostly worked in the garden. Is your sister still here?"),
        ),
        heading("Practice"),
        choice(
            "Which topics are usually safe for small talk with a new colleague? Choose all "
            "that apply.",
            ["the weather", "their salary", "weekend plans", "religion", "a recent holiday"],
            correct=["the weather", "weekend plans", "a recent holiday"],
            allow_multiple=True,
        ),
        match(
            "Match each question with a good answer.",
            [
                ("How was your weekend?", "Great, thanks. I went hiking."),
                ("Have you worked here long?", "About two years now."),
                ("Lovely day, isn't it?", "Yes, finally some sunshine!"),
                ("Any plans for the summer?", "We're thinking of going to Greece."),
            ],
        ),
        say(
            "A colleague says: 'Lovely weather today, isn't it?' Answer, add something, and "
            "ask a question back.",
            "Yes, it's beautiful! Are you doing anything nice this weekend?",
            show=False,
            explanation="Answer + add + ask keeps the conversation going.",
        ),
    ],
)

AIRPORT = LessonSpec(
    title="At the airport",
    intro="Check in, go through security and find your gate without stress.",
    difficulty="beginner",
    cefr_level="A2",
    estimated_duration=15,
    body=[
        heading("From check-in to take-off"),
        word(
            "check in",
            "/ˌtʃek ˈɪn/",
            "phrasal_verb",
            "To show your ticket and leave your bags at the airline's desk.",
            "We need to check in two hours before the flight.",
        ),
        word(
            "boarding pass",
            "/ˈbɔːdɪŋ pɑːs/",
            "noun",
            "The card or document that lets you get on the plane.",
            "Please have your boarding pass ready.",
        ),
        word(
            "gate",
            "/ɡeɪt/",
            "noun",
            "The place in an airport where you get on the plane.",
            "Flight BA 482 is now boarding at gate 14.",
        ),
        word(
            "luggage",
            "/ˈlʌɡɪdʒ/",
            "noun",
            "The bags and cases you take when you travel.",
            "How much luggage do you have?",
        ),
        word(
            "delayed",
            "/dɪˈleɪd/",
            "adjective",
            "Happening later than planned.",
            "Our flight is delayed by an hour.",
        ),
        mistake(
            "<p><i>Luggage</i> and <i>baggage</i> are uncountable: say <i>two bags</i> or "
            "<i>two pieces of luggage</i>, not <i>two luggages</i>.</p>"
        ),
        dialogue(
            "At the check-in desk",
            ("Agent", "Good morning. Can I see your passport, please?"),
            ("Passenger", "Here you are."),
            ("Agent", "Thank you. Are you checking in any bags?"),
            ("Passenger", "Just this one. Could I have a window seat, please?"),
            ("Agent", "Of course. Here's your boarding pass. You're boarding at gate 14."),
        ),
        heading("Practice"),
        order(
            "Put the steps of your journey through the airport in order.",
            [
                "Check in and drop off your bag.",
                "Go through security.",
                "Find your gate.",
                "Show your boarding pass.",
                "Get on the plane.",
            ],
        ),
        choice(
            "The screen says your flight is 'delayed'. What does this mean?",
            [
                "It will leave later than planned.",
                "It has been cancelled.",
                "It is leaving early.",
                "It is full.",
            ],
            correct="It will leave later than planned.",
        ),
        gaps(
            "Could I have a window {1}, please? Of course. Here's your boarding {2}.",
            ["seat", "pass"],
        ),
    ],
)

RESTAURANT = LessonSpec(
    title="Ordering at a restaurant",
    intro="Book a table, order politely, and ask for the bill.",
    difficulty="beginner",
    cefr_level="A2",
    estimated_duration=15,
    body=[
        heading("Polite ordering"),
        paragraph(
            "<p>Order with <b>I'd like …</b>, <b>Could I have …?</b> or <b>I'll have …</b>, "
            "and add <b>please</b>: <i>I'd like the soup, please.</i> <i>I want …</i> can sound "
            "rude to a waiter.</p>"
        ),
        word("starter", "/ˈstɑːtə/", "noun", "A small dish eaten before the main course."),
        word(
            "main course",
            "/ˌmeɪn ˈkɔːs/",
            "noun",
            "The largest dish of a meal.",
            "For my main course I'll have the chicken.",
        ),
        word(
            "bill",
            "/bɪl/",
            "noun",
            "The piece of paper that shows how much you must pay (the 'check' in American "
            "English).",
            "Could we have the bill, please?",
        ),
        culture(
            "<p>Tipping varies: in the UK 10–12.5% is usual in restaurants, and a "
            "<i>service charge</i> is sometimes already on the bill. In the USA, 15–20% is "
            "expected.</p>"
        ),
        dialogue(
            "Dinner for two",
            ("Waiter", "Are you ready to order?"),
            ("Lucy", "Yes, I'd like the tomato soup to start, please."),
            ("Waiter", "And for your main course?"),
            ("Lucy", "Could I have the grilled fish with salad?"),
            ("Waiter", "Of course. Anything to drink?"),
            ("Lucy", "Just a glass of sparkling water, thanks."),
        ),
        heading("Practice"),
        choice(
            "Which is the most polite way to order?",
            ["I want the soup.", "Give me the soup.", "I'd like the soup, please.", "Soup."],
            correct="I'd like the soup, please.",
        ),
        order(
            "Put the waiter's questions in the order you usually hear them.",
            [
                "Do you have a reservation?",
                "Are you ready to order?",
                "How was your meal?",
                "Would you like to see the dessert menu?",
            ],
        ),
        say(
            "Order a main course and a drink politely.",
            "I'd like the grilled fish and a glass of water, please.",
            show=False,
        ),
    ],
)

DIRECTIONS = LessonSpec(
    title="Asking for and giving directions",
    intro="Find your way in a new city: ask politely and understand the answer.",
    difficulty="beginner",
    cefr_level="A2",
    estimated_duration=15,
    body=[
        heading("Asking the way"),
        paragraph(
            "<p><i>Excuse me, how do I get to the station?</i> <i>Is there a pharmacy near "
            "here?</i> <i>Could you tell me where the museum is?</i></p>"
            "<p>Directions: <i>go straight on, turn left / right, take the second left, go "
            "past the church, it's on your right, it's opposite the bank</i>.</p>"
        ),
        word(
            "straight on",
            "/ˌstreɪt ˈɒn/",
            "adverb",
            "Forward, without turning.",
            "Go straight on for about two hundred metres.",
        ),
        word(
            "traffic lights",
            "/ˈtræfɪk laɪts/",
            "noun",
            "Red, yellow and green lights that control traffic.",
            "Turn left at the traffic lights.",
        ),
        word(
            "roundabout",
            "/ˈraʊndəbaʊt/",
            "noun",
            "A circular junction where several roads meet.",
            "Take the third exit at the roundabout.",
        ),
        tip(
            "<p>An indirect question is more polite, and the word order changes: <i>Where is "
            "the museum?</i> → <i>Could you tell me where the museum <b>is</b>?</i></p>"
        ),
        dialogue(
            "In the street",
            ("Tourist", "Excuse me, could you tell me how to get to the station?"),
            ("Local", "Sure. Go straight on and turn left at the traffic lights."),
            ("Tourist", "Left at the traffic lights…"),
            ("Local", "Then it's about five minutes. It's on your right, opposite a big hotel."),
            ("Tourist", "Thank you so much!"),
        ),
        heading("Practice"),
        gaps(
            "Go straight {1} and turn left {2} the traffic lights. The station is {3} your right.",
            ["on", "at", "on"],
        ),
        order(
            "Make a polite question.",
            ["Excuse me,", "could you tell me", "how to get", "to the station?"],
        ),
        say(
            "Someone asks you the way to the nearest supermarket. Give simple directions.",
            "Go straight on and take the second right. It's next to the bank.",
            show=False,
        ),
    ],
)

JOB_INTERVIEW = LessonSpec(
    title="Answering job interview questions",
    intro="Talk about your experience, strengths and achievements with clear, structured answers.",
    difficulty="intermediate",
    cefr_level="B2",
    estimated_duration=25,
    body=[
        heading("Tell a short story: STAR"),
        paragraph(
            "<p>For questions like <i>Tell me about a time you solved a problem</i>, use "
            "<b>STAR</b>: the <b>Situation</b>, your <b>Task</b>, the <b>Action</b> you took, "
            "and the <b>Result</b>. Use the past simple for the story, and finish with what "
            "you learned.</p>"
        ),
        paragraph(
            "<p>Useful phrases: <i>I'm responsible for … · One of my strengths is … · I'm "
            "particularly proud of … · I'd say my main weakness is …, but I'm working on it by "
            "…</i></p>"
        ),
        word(
            "strength",
            "/streŋθ/",
            "noun",
            "A quality or ability that makes you good at something.",
            "One of my strengths is staying calm under pressure.",
        ),
        word("weakness", "/ˈwiːknəs/", "noun", "Something you are not good at."),
        word(
            "achievement",
            "/əˈtʃiːvmənt/",
            "noun",
            "Something good that you did through effort.",
            "My biggest achievement was leading the move to the new system.",
        ),
        word(
            "reliable",
            "/rɪˈlaɪəbl/",
            "adjective",
            "Able to be trusted to do what is expected.",
            "My manager describes me as reliable and well organised.",
        ),
        dialogue(
            "The interview",
            ("Interviewer", "Can you tell me about a time you dealt with a difficult customer?"),
            (
                "Candidate",
                "Sure. In my last job, a customer's order arrived damaged two days before "
                "his event.",
            ),
            (
                "Candidate",
                "I arranged a replacement by courier and called him every day to update him. "
                "It arrived in time, and he's still one of our best customers.",
            ),
            ("Interviewer", "That's a great example. What did you learn from it?"),
        ),
        heading("Practice"),
        order(
            "Put the parts of a STAR answer in order.",
            [
                "Situation: describe the context.",
                "Task: say what you had to do.",
                "Action: explain what you did.",
                "Result: say what happened in the end.",
            ],
        ),
        choice(
            "The interviewer asks 'What is your greatest weakness?' Which answer is best?",
            [
                "I don't have any weaknesses.",
                "I sometimes take on too much, so I've started planning my week more carefully.",
                "I'm often late, but everybody is.",
                "I don't really like working.",
            ],
            correct="I sometimes take on too much, so I've started planning my week more "
            "carefully.",
            explanation="Name a real but manageable weakness and show what you are doing about it.",
        ),
        say(
            "Answer the classic first question: 'Tell me about yourself.' Speak for about a "
            "minute.",
            "I'm a marketing assistant with three years of experience in online campaigns.",
            show=False,
            explanation="Start with your current role, add one or two achievements, and end "
            "with why you want this job.",
        ),
    ],
)

DISAGREEING = LessonSpec(
    title="Disagreeing politely in meetings",
    intro="Say no without causing offence: soften, question and suggest, the way fluent "
    "speakers do.",
    difficulty="advanced",
    cefr_level="C1",
    estimated_duration=20,
    body=[
        heading("Soften the message"),
        paragraph(
            "<p>Direct disagreement (<i>That's wrong.</i>) can sound aggressive in English. "
            "Fluent speakers soften it:</p><ul><li>acknowledge first: <i>I see your point, "
            "but … · That's a fair point; however, …</i></li><li>use hedges: <i>I'm not "
            "entirely sure … · It might be worth … · slightly, perhaps</i></li><li>ask instead "
            "of telling: <i>Have we considered …? · Could we look at it another way?</i></li>"
            "</ul>"
        ),
        word(
            "reservation",
            "/ˌrezəˈveɪʃn/",
            "noun",
            "A doubt about whether something is good or right.",
            "I have some reservations about the timeline.",
        ),
        word(
            "compromise",
            "/ˈkɒmprəmaɪz/",
            "noun",
            "An agreement in which each side accepts less than it wanted.",
            "After an hour of discussion we reached a compromise.",
        ),
        word(
            "fair point",
            "/ˌfeə ˈpɔɪnt/",
            "phrase",
            "A reasonable argument, even if you do not fully agree.",
            "That's a fair point, but the budget is fixed.",
        ),
        culture(
            "<p>British English is famous for understatement: <i>I'm not sure that's the best "
            "idea</i> can mean <i>That's a terrible idea</i>, and <i>With the greatest "
            "respect …</i> often introduces strong disagreement.</p>"
        ),
        dialogue(
            "Planning meeting",
            ("Karen", "I think we should launch the app in May."),
            ("Ravi", "I see your point, but I have some reservations about May."),
            ("Karen", "Why's that?"),
            (
                "Ravi",
                "Testing isn't finished. Have we considered a small pilot in May and the full "
                "launch in June?",
            ),
            ("Karen", "That's a fair point. A pilot could be a good compromise."),
        ),
        heading("Practice"),
        match(
            "Match each direct sentence with a more diplomatic version.",
            [
                ("That's wrong.", "I'm not sure that's quite right."),
                ("That won't work.", "I have some reservations about that."),
                ("You don't understand.", "Perhaps I didn't explain that clearly."),
                ("No.", "I see your point, but I think we need to look at the costs."),
            ],
        ),
        choice(
            "Which phrases soften disagreement? Choose all that apply.",
            [
                "I see what you mean, but…",
                "That's nonsense.",
                "Could we look at it another way?",
                "You're wrong.",
                "I'm not entirely convinced.",
            ],
            correct=[
                "I see what you mean, but…",
                "Could we look at it another way?",
                "I'm not entirely convinced.",
            ],
            allow_multiple=True,
        ),
        say(
            "Your manager suggests cutting the training budget. Disagree politely and suggest "
            "an alternative.",
            "I see your point, but have we considered reducing travel costs instead?",
            show=False,
            explanation="Acknowledge, then disagree with a hedge or a question, then suggest.",
        ),
    ],
)

CONVERSATION = CategorySpec(
    title="Conversation",
    intro="Real dialogues for real situations: meeting people, travelling and working in English.",
    image="conversation",
    subcategories=[
        SubcategorySpec(
            title="Meeting people",
            intro="Introductions and small talk that make a good first impression.",
            image="meeting-people",
            lessons=[INTRODUCING_YOURSELF, SMALL_TALK],
        ),
        SubcategorySpec(
            title="Travel",
            intro="Airports, restaurants and streets: the English you need on a trip.",
            image="travel",
            lessons=[AIRPORT, RESTAURANT, DIRECTIONS],
        ),
        SubcategorySpec(
            title="Speaking at work",
            intro="Interviews and meetings: professional English that sounds natural.",
            image="at-work",
            lessons=[JOB_INTERVIEW, DISAGREEING],
        ),
    ],
)
