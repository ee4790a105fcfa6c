// Exercises in Toto's built-in rendering: learners can try them; in an editor's preview the
// answer key is on the page (a JSON script next to each exercise) and "Check" uses it.
// Answers are compared as the server grades them: whitespace and typographic quotes never
// matter, case only when the exercise says so.
(function () {
  "use strict";

  const QUOTES = { "\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"' };

  function normalize(text, caseSensitive) {
    let result = text.normalize("NFC").replace(/[\u2018\u2019\u02bc`\u201c\u201d]/g, (c) => QUOTES[c]);
    result = result.replace(/\s+/g, " ").trim();
    return caseSensitive ? result : result.toLowerCase();
  }

  function answerKey(exercise) {
    const script = document.getElementById(exercise.dataset.answers || "");
    return script ? JSON.parse(script.textContent) : null;
  }

  function sameList(a, b) {
    return a.length === b.length && a.every((value, index) => value === b[index]);
  }

  function showFeedback(exercise, right) {
    const feedback = exercise.querySelector(".feedback");
    feedback.textContent = right ? feedback.dataset.right : feedback.dataset.wrong;
    feedback.className = "feedback " + (right ? "right" : "wrong");
  }

  const checks = {
    multiple_choice(exercise, key) {
      const inputs = [...exercise.querySelectorAll("input")];
      const picked = inputs.filter((input) => input.checked).map((input) => Number(input.value));
      inputs.forEach((input) => {
        const label = input.closest("label");
        label.classList.toggle("is-right", input.checked && key.correct.includes(Number(input.value)));
        label.classList.toggle("is-wrong", input.checked && !key.correct.includes(Number(input.value)));
      });
      return sameList([...picked].sort(), [...key.correct].sort());
    },
    fill_blank(exercise, key) {
      let allRight = true;
      exercise.querySelectorAll("input[data-gap]").forEach((input) => {
        const gap = Number(input.dataset.gap) - 1;
        const right = (key.normalized[gap] || []).includes(normalize(input.value, key.case_sensitive));
        input.classList.toggle("is-right", right);
        input.classList.toggle("is-wrong", !right);
        allRight = allRight && right;
      });
      return allRight;
    },
    drag_drop(exercise, key) {
      if (exercise.dataset.mode === "match") {
        const chosen = [...exercise.querySelectorAll("select")].map((select) =>
          select.value === "" ? -1 : Number(select.value),
        );
        exercise.querySelectorAll(".match-row").forEach((row, index) => {
          row.classList.toggle("is-right", chosen[index] === key.key[index]);
          row.classList.toggle("is-wrong", chosen[index] !== key.key[index]);
        });
        return sameList(chosen, key.key);
      }
      const order = [...exercise.querySelectorAll(".order-list li")].map((li) => Number(li.dataset.index));
      return sameList(order, key.key);
    },
  };

  function moveItem(button) {
    const item = button.closest("li");
    const list = item.parentElement;
    if (button.dataset.move === "up" && item.previousElementSibling) {
      list.insertBefore(item, item.previousElementSibling);
    } else if (button.dataset.move === "down" && item.nextElementSibling) {
      list.insertBefore(item.nextElementSibling, item);
    }
    button.focus();
  }

  document.addEventListener("click", (event) => {
    const move = event.target.closest("button[data-move]");
    if (move) {
      moveItem(move);
      return;
    }
    const check = event.target.closest("button.check");
    if (!check) return;
    const exercise = check.closest("[data-exercise]");
    const key = answerKey(exercise);
    const checker = checks[exercise.dataset.exercise];
    if (key && checker) showFeedback(exercise, checker(exercise, key));
  });
})();
