// gate.js - on the gate page, a red answer beeps and vibrates where the
// browser allows it, and a phone's camera reads the badge's QR code where
// the browser has a BarcodeDetector (the code read goes into the field and
// the form is sent, as a USB scanner would). The page works the same
// without it: the code is typed.
(function () {
  var red = document.querySelector('.gate-red');
  if (red) {
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
  }

  var box = document.getElementById('gate-camera');
  var form = document.querySelector('form.gate-scan');
  if (!box || !form || !('BarcodeDetector' in window) || !navigator.mediaDevices ||
      !navigator.mediaDevices.getUserMedia) return;
  var field = form.querySelector('input[name=code]');
  var video = document.getElementById('gate-video');
  var msg = document.getElementById('gate-camera-msg');
  var startB = document.getElementById('gate-camera-start');
  var stopB = document.getElementById('gate-camera-stop');
  var KEY = 'coopfair-gate-camera';
  var stream = null, timer = null, detector = null;
  box.hidden = false;

  function stop(remember) {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    video.hidden = true;
    stopB.hidden = true;
    startB.hidden = false;
    if (remember) try { sessionStorage.removeItem(KEY); } catch (e) { /* private mode */ }
  }

  function look() {
    timer = null;
    if (!stream) return;
    detector.detect(video).then(function (codes) {
      if (!stream) return;
      if (codes && codes.length && codes[0].rawValue) {
        field.value = codes[0].rawValue;
        stop(false);
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
        return;
      }
      timer = setTimeout(look, 150);
    }, function () { timer = setTimeout(look, 300); });
  }

  function start() {
    try { detector = new window.BarcodeDetector({ formats: ['qr_code'] }); } catch (e) {
      msg.textContent = box.getAttribute('data-no-camera');
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        startB.hidden = true;
        stopB.hidden = false;
        msg.textContent = box.getAttribute('data-looking');
        try { sessionStorage.setItem(KEY, '1'); } catch (e) { /* private mode */ }
        var p = video.play();
        if (p && p.catch) p.catch(function () { /* autoplay refused: frames still come */ });
        look();
      }, function () {
        msg.textContent = box.getAttribute('data-no-camera');
        stop(true);
      });
  }

  startB.addEventListener('click', start);
  stopB.addEventListener('click', function () { stop(true); field.focus(); });
  // the camera stays on from one scan to the next (the page reloads with the answer)
  var on = null;
  try { on = sessionStorage.getItem(KEY); } catch (e) { /* private mode */ }
  if (on) start();
})();
