// gate.js - on the gate page, a red answer beeps and vibrates where the
// browser allows it; the page works the same without it.
(function () {
  var red = document.querySelector('.gate-red');
  if (!red) return;
  if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
  try {
    var C = window.AudioContext || window.webkitAudioContext;
    var ctx = new C();
    var o = ctx.createOscillator();
    o.frequency.value = 440;
    o.connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.4);
  } catch (e) { /* no sound */ }
})();
