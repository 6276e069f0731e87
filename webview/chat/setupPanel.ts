/** Getting started, shown while no provider has a key and no local server answered. */
import type { ChatViewState } from '../../src/shared/viewModels';
import { element } from '../common/dom';
import { actionButton } from '../common/elements';
import { post } from './chatChannel';
import { t } from '../common/l10n';

export function renderSetupPanel(state: ChatViewState): HTMLElement {
  const others = state.providers.filter((provider) => provider.requiresKey && provider.id !== 'openrouter');
  return element('section', { class: 'setup-panel', 'aria-labelledby': 'setup-title' },
    element('h2', { id: 'setup-title' }, t('Get started')),
    element('p', {}, t('Switchboard needs one way to reach a model. Pick one; you can add more later. Browse models and prices in the picker above meanwhile.')),
    element('ul', {},
      element('li', {},
        element('strong', {}, t('OpenRouter (recommended): ')),
        t('one key for hundreds of models, including free ones. '),
        actionButton('Sign in with OpenRouter', () => post({ type: 'key/signIn' }), { icon: 'sign-in', action: 'setup-signin', ariaLabel: 'Sign in with OpenRouter in the browser (no key to paste)' }),
        actionButton(t('Paste OpenRouter key'), () => post({ type: 'key/set', provider: 'openrouter' }), { icon: 'key', secondary: true, action: 'setup-openrouter' })),
      element('li', {},
        element('strong', {}, t('A local server: ')),
        state.localServerDetected
          ? t('{0} answered on this machine; pick one of its models above.', state.localServerDetected)
          : t('run Ollama or LM Studio (OpenAI-compatible) and its models appear here, no key needed.')),
      element('li', {},
        element('strong', {}, t('Other providers: ')),
        others.length > 0 ? t('{0} with your own key. ', others.map((provider) => provider.label).join(', ')) : t('use your own key. '),
        actionButton(t('Set another key'), () => post({ type: 'key/set' }), { icon: 'key', secondary: true, action: 'setup-other' }))));
}
