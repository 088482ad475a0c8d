// Stripe Elements on the pages that take a card (checkout, saved cards): the card number goes from the browser to
// Stripe, and the form posts only the PaymentMethod id (pm_...) that Stripe.js returns; Lyceum confirms or attaches
// it server-side as with any method.
(function () {
  const mount = document.getElementById('card-element');
  const field = document.getElementById('payment-method');
  const errors = document.getElementById('card-errors');
  if (!mount || !field || typeof window.Stripe !== 'function') {
    if (errors) errors.textContent = mount ? mount.dataset.unavailable || 'Stripe could not be loaded.' : '';
    return;
  }
  const stripe = window.Stripe(mount.dataset.publishableKey);
  const card = stripe.elements({ locale: document.documentElement.lang || 'auto' }).create('card');
  card.mount(mount);
  card.on('change', (event) => { errors.textContent = event.error ? event.error.message : ''; });
  const form = mount.closest('form');
  form.addEventListener('submit', async (event) => {
    if (field.value) return; // the PaymentMethod is made: let the form go
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    const result = await stripe.createPaymentMethod({ type: 'card', card: card });
    if (result.error) {
      errors.textContent = result.error.message;
      button.disabled = false;
      return;
    }
    field.value = result.paymentMethod.id;
    form.submit();
  });
})();
