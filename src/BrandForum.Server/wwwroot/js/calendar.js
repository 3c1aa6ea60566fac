// The editorial calendar (Pages/Moderation/Calendar.cshtml), enhanced: drag an item's card onto another day to
// reschedule it at the same time of day. The drop fills the card's own reschedule form and submits it, so the
// server does exactly what the form does without JavaScript, and the page comes back with the card moved.
(() => {
  'use strict';
  const calendar = document.querySelector('[data-calendar]');
  if (!calendar) return;

  calendar.addEventListener('dragstart', (event) => {
    const card = event.target.closest?.('.item-card[draggable="true"]');
    if (!card) return;
    event.dataTransfer.setData('text/plain', card.dataset.itemId);
    event.dataTransfer.effectAllowed = 'move';
  });

  const dayOf = (event) => event.target.closest?.('[data-date]');

  calendar.addEventListener('dragover', (event) => {
    const day = dayOf(event);
    if (!day) return;
    event.preventDefault();
    day.classList.add('drop-target');
  });

  calendar.addEventListener('dragleave', (event) => dayOf(event)?.classList.remove('drop-target'));

  calendar.addEventListener('drop', (event) => {
    const day = dayOf(event);
    if (!day) return;
    event.preventDefault();
    day.classList.remove('drop-target');
    const itemId = event.dataTransfer.getData('text/plain');
    const card = calendar.querySelector(`.item-card[data-kind="next"][data-item-id="${CSS.escape(itemId)}"]`);
    const form = card?.querySelector('form[data-reschedule]');
    if (!form || card.closest('[data-date]') === day) return;
    form.elements.publishAt.value = `${day.dataset.date}T${card.dataset.time}`;
    form.requestSubmit();
  });
})();
